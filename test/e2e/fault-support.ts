// How each customer's conversation ended, as the fault tests count them (issue #17's table):
// replied once, handed off with a note and a team, opened untriaged (Chatwoot's bot-failure path, or
// open with nothing of ours), nothing yet, or twice (the bot said something twice).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { BOT_FAILURE_ACTIVITY } from '../../simulators/src/chatwoot/bot-failure.ts';
import {
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_TEAMS,
	type Department,
} from '../../simulators/src/chatwoot/index.ts';
import type { RunningServer } from '../../simulators/src/common/listen.ts';
import {
	agentView,
	customerWrites,
	eventually,
	newCustomer,
	setDepartmentHours,
	type Sent,
} from './inbound-support.ts';
import { startE2eStack, TEST_GATEWAY_ENV, type E2eOptions, type E2eStack } from './stack.ts';

/**
 * The stack a fault test file shares: the reconciler on (every 2 s), as production runs it, and
 * known hours whatever the day: Sales and Billing always open, Support closed (see ASKS).
 */
export async function startFaultStack(options: E2eOptions = {}): Promise<E2eStack> {
	const e2e = await startE2eStack({
		gatewayEnv: { ...TEST_GATEWAY_ENV, GATEWAY_RECONCILE_INTERVAL_MS: '2000' },
		...options,
	});
	try {
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'billing', 'always');
		await setDepartmentHours(e2e, 'support', 'in-three-days');
	} catch (error) {
		await e2e.stop();
		throw error;
	}
	return e2e;
}

/**
 * What the fault tests' customers write, the number they write to, and the team a hand-off must
 * reach. With setDepartmentHours: Sales and Billing always open, Support closed.
 */
export const ASKS = {
	/** Sales is open and the FAQ answers it: the bot replies. */
	answerable: { to: 'sales', content: 'How long does installation take?', team: 'sales' },
	/** Support is closed and triage is unsure: the customer is told when it opens, then hand-off. */
	closedHandOff: {
		to: 'support',
		content: 'The zebra firmware flux capacitor is blinking purple',
		team: 'support',
	},
	/** Sales is open and triage is unsure: a hand-off with no customer message. */
	openHandOff: {
		to: 'sales',
		content: 'My neighbour says the quokka migration affects dishwashers, thoughts?',
		team: 'sales',
	},
} as const satisfies Record<string, { to: Department; content: string; team: Department }>;

export interface Customer extends Sent {
	/** The team a hand-off of this customer must reach. */
	team: Department;
}

export async function customerAsks(
	chatwoot: RunningServer,
	ask: { to: Department; content: string; team: Department },
): Promise<Customer> {
	const sent = await customerWrites(chatwoot, {
		to: CHATWOOT_SIM_INBOXES[ask.to].phoneNumber,
		from: newCustomer(),
		content: ask.content,
	});
	return { ...sent, team: ask.team };
}

/**
 * `count` customers, alternating the given asks, `gapMs` apart; `during(n)` runs before the n-th
 * writes (the fault's moment).
 */
export async function customersWrite(
	chatwoot: RunningServer,
	count: number,
	asks: ReadonlyArray<{ to: Department; content: string; team: Department }>,
	options: { gapMs: number; during?: (n: number) => Promise<void> },
): Promise<Customer[]> {
	const customers: Customer[] = [];
	for (let n = 0; n < count; n++) {
		await options.during?.(n);
		customers.push(await customerAsks(chatwoot, asks[n % asks.length]!));
		await sleep(options.gapMs);
	}
	return customers;
}

/** Each hand-off reached the customer's team. */
export function assertHandedOffToTheirTeam(ends: CustomerEnd[], customers: Customer[]): void {
	const wrong = ends
		.map((end, n) => ({ end, team: customers[n]!.team }))
		.filter(
			({ end, team }) => end.outcome === 'handed off' && end.teamId !== CHATWOOT_SIM_TEAMS[team].id,
		)
		.map(({ end, team }) => ({
			conversationId: end.conversationId,
			teamId: end.teamId,
			expected: team,
		}));
	assert.deepEqual(wrong, [], 'each hand-off went to the team of its customer');
}

export const OUTCOMES = ['replied once', 'handed off', 'untriaged', 'nothing', 'twice'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface CustomerEnd {
	conversationId: number;
	outcome: Outcome;
	status: string;
	teamId: number | null;
	/** What the customer read from the bot: answers and out-of-hours notices. */
	botMessages: number;
	/** Private notes (the hand-off's). */
	notes: number;
	labels: string[];
	/** Chatwoot opened the conversation because the bot failed to take a message. */
	botFailure: boolean;
	/** The most forward attempts the gateway spent on one of its batches (0: never forwarded). */
	attempts: number;
}

/** The outcome of what an agent would see now. */
export function classify(view: {
	status: string;
	teamId: number | null;
	botMessages: number;
	notes: number;
}): Outcome {
	if (view.botMessages > 1 || view.notes > 1) return 'twice';
	if (view.status === 'open' && view.notes > 0 && view.teamId !== null) return 'handed off';
	if (view.status === 'open') return 'untriaged';
	if (view.botMessages === 1 && view.notes === 0) return 'replied once';
	return 'nothing';
}

/** A finished outcome; `replied once` may still become a hand-off, which the ledger's drain tells. */
const FINAL: ReadonlySet<Outcome> = new Set(['replied once', 'handed off', 'twice']);

export async function customerEnd(
	chatwoot: RunningServer,
	pool: pg.Pool | null,
	conversationId: number,
): Promise<CustomerEnd> {
	const agent = agentView(chatwoot);
	const [conversation, list, labels] = await Promise.all([
		agent.conversations.get(conversationId),
		agent.messages.list(conversationId),
		agent.conversations.listLabels(conversationId),
	]);
	const messages = list.payload;
	const view = {
		status: conversation.status,
		teamId: conversation.meta?.team?.id ?? null,
		// message_type 1: outgoing; no agent writes in these tests, so every one is the bot's.
		botMessages: messages.filter((m) => m.message_type === 1 && !m.private).length,
		notes: messages.filter((m) => m.private).length,
	};
	const attempts = pool
		? ((
				await pool.query<{ n: number | null }>(
					'select max(attempts)::int as n from sb_inbound_events where conversation_id = $1',
					[conversationId],
				)
			).rows[0]?.n ?? 0)
		: 0;
	return {
		conversationId,
		outcome: classify(view),
		...view,
		labels,
		botFailure: messages.some((m) => m.content === BOT_FAILURE_ACTIVITY),
		attempts,
	};
}

/**
 * Waits (up to `timeoutMs` in all) until every customer has a final outcome and the gateway's
 * ledger has nothing left on its way, then reads each conversation once more. Never throws on
 * timeout: what did not finish shows in its outcome.
 */
export async function awaitEnds(
	e2e: { chatwoot: RunningServer; pool: pg.Pool },
	sent: Sent[],
	timeoutMs = 300_000,
): Promise<CustomerEnd[]> {
	const deadline = Date.now() + timeoutMs;
	const left = () => Math.max(1000, deadline - Date.now());
	for (const { conversationId } of sent) {
		await eventually(
			`an end in ${conversationId}`,
			async () => {
				const end = await customerEnd(e2e.chatwoot, null, conversationId);
				return FINAL.has(end.outcome) ? end : undefined;
			},
			left(),
		).catch(() => undefined);
	}
	await fetch(`${e2e.chatwoot.url}/__sim/flush`, { method: 'POST' }).catch(() => undefined);
	await eventually(
		'the ledger to drain',
		async () => {
			const { rows } = await e2e.pool.query<{ n: number }>(
				`select count(*)::int as n from sb_inbound_events
				 where status in ('pending', 'forwarding')`,
			);
			return rows[0]!.n === 0 ? true : undefined;
		},
		left(),
	).catch(() => undefined);
	// A rerun that would speak twice has its chance to.
	await sleep(3000);
	const ends: CustomerEnd[] = [];
	for (const { conversationId } of sent) {
		ends.push(await customerEnd(e2e.chatwoot, e2e.pool, conversationId));
	}
	return ends;
}

/** One row of the table: how many customers ended each way, and the most attempts one took. */
export function tally(ends: CustomerEnd[]): Record<Outcome, number> & { maxAttempts: number } {
	const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
	for (const end of ends) counts[end.outcome] += 1;
	return { ...counts, maxAttempts: Math.max(0, ...ends.map((e) => e.attempts)) };
}

/** The row as one line, for the test's diagnostics. */
export function describeRow(what: string, ends: CustomerEnd[], startedAt: number): string {
	const t = tally(ends);
	return (
		`${what}: replied ${t['replied once']} · handed off ${t['handed off']} · ` +
		`untriaged ${t.untriaged} · nothing ${t.nothing} · twice ${t.twice} · ` +
		`most forward attempts ${t.maxAttempts} · ${Math.round((Date.now() - startedAt) / 1000)} s`
	);
}

/** Every customer replied once or handed off with a note and a team; nobody untriaged or twice. */
export function assertEveryoneServedOnce(ends: CustomerEnd[]): void {
	assert.deepEqual(
		ends.filter((end) => end.outcome !== 'replied once' && end.outcome !== 'handed off'),
		[],
		'each customer replied once, or handed off with note and team; never untriaged, never twice',
	);
}

/**
 * n8n (main, webhook processor, workers), Directus and the gateway all answer their health checks
 * (after a fault, before the next).
 */
export async function stackHealthy(
	e2e: {
		stack: {
			n8n: { url: string };
			n8nWebhook?: { url: string } | undefined;
			n8nWorkers?: ReadonlyArray<{ url: string }>;
		};
		directusUrl: string;
		gateway: { url: string };
	},
	timeoutMs = 240_000,
): Promise<void> {
	const n8nProcesses = [
		e2e.stack.n8n,
		...(e2e.stack.n8nWebhook ? [e2e.stack.n8nWebhook] : []),
		...(e2e.stack.n8nWorkers ?? []),
	];
	await eventually(
		'n8n, Directus and the gateway to be healthy',
		async () => {
			for (const url of [
				...n8nProcesses.map((n8n) => `${n8n.url}/healthz/readiness`),
				`${e2e.directusUrl}/server/health`,
				`${e2e.gateway.url}/healthz`,
			]) {
				const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
				await res.arrayBuffer();
				if (!res.ok) return undefined;
			}
			return true;
		},
		timeoutMs,
	);
}

/** Sleeps until `ms` have passed since `since` (an outage's length, whatever the writes took). */
export async function until(since: number, ms: number): Promise<void> {
	await sleep(Math.max(0, since + ms - Date.now()));
}
