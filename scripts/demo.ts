// npm run demo -- "text" [--to <number>] [--from <number>]: a customer writes to the local stack
// (npm start) through the Chatwoot simulator; prints what happened and where to see it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createChatwootClient, type ChatwootClient } from '@switchboard/glue/chatwoot';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_USER_TOKEN,
} from '../simulators/src/chatwoot/constants.ts';
import { parseLocalEnv, type LocalEnv } from './lib/local-config.ts';
import { databaseUrl } from './lib/postgres.ts';
import { StackError } from './lib/stack-error.ts';

const root = join(import.meta.dirname, '..');
const TIMEOUT_MS = 60_000;
const INBOUND_WORKFLOW_ID = 'sbInboundTriage1';

const USAGE = `Usage: npm run demo -- "message text" [--to <number>] [--from <number>]

Sends a customer's WhatsApp message to the local stack (npm start must be running) through the
Chatwoot simulator, waits up to ${TIMEOUT_MS / 1000} s, and prints the triage, the route, and the bot's reply or the
hand-off to an agent.

  --to <number>     the department's number: ${CHATWOOT_SIM_INBOXES.sales.phoneNumber} Sales (default),
                    ${CHATWOOT_SIM_INBOXES.support.phoneNumber} Support, ${CHATWOOT_SIM_INBOXES.billing.phoneNumber} Billing
  --from <number>   the customer's number (default: a new random one, so a new conversation)

Appointments, all from one number (--from): "I'd like to book an installation visit" answers with
free times (a number abroad is asked its time zone first: answer "1"); "2" (or its text) books the
second; "Can we move it to Thursday?" offers Thursdays and "1" moves it there; "I can't make it"
cancels it. Each step prints the appointment as Postgres (and Directus) holds it.`;

class UsageError extends Error {}

const phone = /^\+[1-9]\d{6,14}$/;

interface Args {
	text: string;
	to: string;
	from: string;
}

function parseCommandLine(argv: string[]): Args | null {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				to: { type: 'string' },
				from: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false },
			},
			strict: true,
			allowPositionals: true,
		});
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	if (parsed.values.help) return null;
	const text = parsed.positionals.join(' ').trim();
	if (!text)
		throw new UsageError('Give the message text, e.g. "How long does installation take?".');
	const to = parsed.values.to ?? CHATWOOT_SIM_INBOXES.sales.phoneNumber;
	const from =
		parsed.values.from ?? `+1617${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
	for (const [name, value] of [
		['--to', to],
		['--from', from],
	] as const) {
		if (!phone.test(value)) {
			throw new UsageError(`${name} must be a phone number with a leading +, e.g. +15550000001.`);
		}
	}
	return { text, to, from };
}

interface Decision {
	department: string;
	intent: string;
	urgency: string;
	language: string;
	confidence: string;
	outcome: string;
	handoff_reason: string | null;
	model: string;
	input_tokens: number;
	output_tokens: number;
	cost_usd: string;
	latency_ms: number;
}

interface AgentView {
	status: string;
	team: string | null;
	labels: string[];
	replies: string[];
	notes: string[];
}

async function agentView(
	chatwoot: ChatwootClient,
	conversationId: number,
	afterMessageId: number,
): Promise<AgentView> {
	const [conversation, list, labels] = await Promise.all([
		chatwoot.conversations.get(conversationId),
		chatwoot.messages.list(conversationId),
		chatwoot.conversations.listLabels(conversationId),
	]);
	const later = list.payload.filter((m) => m.id > afterMessageId);
	return {
		status: conversation.status,
		team: conversation.meta?.team?.name ?? null,
		labels,
		replies: later.filter((m) => m.message_type === 1 && !m.private).map(shownAs),
		notes: later.filter((m) => m.private).map((m) => m.content ?? ''),
	};
}

/** A reply as the customer sees it: a WhatsApp list (the booking's times) with its choices. */
function shownAs(message: { content: string | null; content_attributes: Record<string, unknown> }) {
	const items = (message.content_attributes.items ?? []) as { title: string; value: string }[];
	return [message.content ?? '', ...items.map((item) => `  [${item.value}] ${item.title}`)].join(
		'\n',
	);
}

/** The appointment booked in this conversation, if any (the booking chat, workflow 06). */
async function appointmentIn(pool: pg.Pool, conversationId: number): Promise<string | null> {
	const { rows } = await pool
		.query<{ service_name: string; status: string; starts_at: Date; time_zone: string }>(
			`select service_name, status, starts_at, time_zone from sb_appointments
			where conversation_id = $1 order by created_at desc limit 1`,
			[conversationId],
		)
		.catch(() => ({ rows: [] }));
	const row = rows[0];
	if (!row) return null;
	const when = row.starts_at.toLocaleString('en-GB', { timeZone: row.time_zone });
	return `${row.service_name}, ${when} (${row.time_zone}): ${row.status}`;
}

async function send(chatwootUrl: string, args: Args) {
	let res: Response;
	try {
		res = await fetch(`${chatwootUrl}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				to_number: args.to,
				from: args.from,
				name: 'Demo Customer',
				content: args.text,
			}),
		});
	} catch {
		throw new StackError(
			`The Chatwoot simulator does not answer at ${chatwootUrl}: is the stack running? Start it with npm start.`,
		);
	}
	if (res.status === 404) {
		throw new StackError(`No department has the number ${args.to}; see npm run demo -- --help.`);
	}
	if (!res.ok) {
		throw new StackError(
			`The Chatwoot simulator refused the message (HTTP ${res.status}): ${await res.text()}`,
		);
	}
	return (await res.json()) as { conversation_id: number; message_id: number };
}

async function gatewayUp(env: LocalEnv): Promise<boolean> {
	try {
		return (await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/healthz`)).ok;
	} catch {
		return false;
	}
}

export async function main(argv: string[], env: LocalEnv): Promise<number> {
	let args: Args | null;
	try {
		args = parseCommandLine(argv);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n\n${USAGE}`);
			return 2;
		}
		throw error;
	}
	if (!args) {
		console.log(USAGE);
		return 0;
	}
	if (env.CHATWOOT_URL) {
		throw new StackError(
			'CHATWOOT_URL is set: the demo writes through the Chatwoot simulator only.',
		);
	}
	const chatwootUrl = `http://127.0.0.1:${env.CHATWOOT_SIM_PORT}`;
	const n8nUrl = `http://localhost:${env.N8N_PORT}`;
	const where = [
		'Where to look:',
		`  Chatwoot simulator  http://localhost:${env.CHATWOOT_SIM_PORT}/__sim/`,
		`  n8n executions      ${n8nUrl}/workflow/${INBOUND_WORKFLOW_ID}/executions`,
		`  logs                ${join(root, '.stack', 'local', 'logs')}`,
	];
	if (!(await gatewayUp(env))) {
		throw new StackError(
			`The gateway does not answer on port ${env.GATEWAY_PORT}: is the stack running? Start it with npm start.`,
		);
	}

	const pool = new pg.Pool({
		connectionString: databaseUrl(env.DATABASE_URL, env.DIRECTUS_DATABASE),
		max: 1,
	});
	pool.on('error', () => undefined);
	// The simulator numbers conversations from 1 on every start: older decisions share the ids.
	const since = await pool
		.query<{ now: Date }>('select now()')
		.then(({ rows }) => rows[0]!.now)
		.catch(async (error: unknown) => {
			await pool.end();
			throw new StackError(`The Directus database does not answer: ${(error as Error).message}`);
		});
	const sent = await send(chatwootUrl, args).catch(async (error: unknown) => {
		await pool.end();
		throw error;
	});
	console.log(
		`Sent "${args.text}" from ${args.from} to ${args.to}: conversation ${sent.conversation_id}. Waiting for the bot…`,
	);
	const chatwoot = createChatwootClient({
		baseUrl: chatwootUrl,
		accessToken: CHATWOOT_SIM_USER_TOKEN,
		accountId: CHATWOOT_SIM_ACCOUNT_ID,
	});
	try {
		const deadline = Date.now() + TIMEOUT_MS;
		let decision: Decision | undefined;
		let view: AgentView | undefined;
		while (Date.now() < deadline) {
			const { rows } = await pool.query<Decision>(
				`select department, intent, urgency, language, confidence::text, outcome, handoff_reason,
					model, input_tokens, output_tokens, cost_usd::text, latency_ms
				from sb_ai_decisions where conversation_id = $1 and created_at >= $2
				order by id desc limit 1`,
				[sent.conversation_id, since],
			);
			decision = rows[0];
			view = await agentView(chatwoot, sent.conversation_id, sent.message_id);
			if (view.replies.length > 0 || view.notes.length > 0) {
				// The reply can land a moment before its decision row: give the log a short grace.
				if (decision || Date.now() > deadline - 1000) break;
			}
			await sleep(500);
		}
		if (!view || (view.replies.length === 0 && view.notes.length === 0)) {
			console.log(
				`Nothing happened within ${TIMEOUT_MS / 1000} s: no reply and no hand-off${decision ? ` (a decision was logged: ${decision.outcome})` : ', no decision logged'}.`,
			);
			console.log(where.join('\n'));
			return 1;
		}
		console.log('');
		if (decision) {
			const rows: [string, string][] = [
				['department', decision.department],
				['intent', decision.intent],
				['urgency', decision.urgency],
				['language', decision.language],
				['confidence', decision.confidence],
				[
					'outcome',
					`${decision.outcome}${decision.handoff_reason ? ` (${decision.handoff_reason})` : ''}`,
				],
				[
					'tokens',
					`${decision.input_tokens} in / ${decision.output_tokens} out (${decision.model})`,
				],
				['cost', `$${decision.cost_usd}`],
				['latency', `${decision.latency_ms} ms`],
			];
			// The booking assistant answered: the triage only read the message (DESIGN.md §2).
			console.log(
				decision.outcome === 'booking_chat'
					? 'Triage (the booking chat answered):'
					: 'Triage and route:',
			);
			for (const [k, v] of rows) console.log(`  ${k.padEnd(10)}  ${v}`);
		} else {
			console.log('Triage and route: no decision logged (see the n8n execution).');
		}
		console.log('');
		for (const reply of view.replies)
			console.log(`Sent to the customer:\n  ${reply.replaceAll('\n', '\n  ')}`);
		if (view.notes.length > 0) {
			console.log('Handed off to an agent:');
			for (const note of view.notes) console.log(`  note: ${note.replaceAll('\n', '\n        ')}`);
			console.log(`  team: ${view.team ?? 'none'}`);
		}
		const appointment = await appointmentIn(pool, sent.conversation_id);
		if (appointment) console.log(`Appointment: ${appointment}`);
		const labels = view.labels.length > 0 ? view.labels.join(', ') : 'none';
		console.log(`Conversation: status ${view.status}, labels ${labels}`);
		console.log('');
		console.log(where.join('\n'));
		return 0;
	} finally {
		await pool.end();
	}
}

if (import.meta.main) {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	Promise.resolve()
		.then(() => main(process.argv.slice(2), parseLocalEnv(process.env)))
		.then(
			(code) => process.exit(code),
			(error: unknown) => {
				if (error instanceof StackError) console.error(`demo: ${error.message}`);
				else console.error('demo: unexpected failure:', error);
				process.exit(1);
			},
		);
}
