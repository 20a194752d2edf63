// Follows one test message through the stack by what each step leaves in PostgreSQL: Meta's webhook
// in the gateway's ledger (sb_meta_events), Chatwoot's agent-bot webhook of the same sender's
// message (sb_inbound_events), the n8n execution of workflow 01 (n8n's execution_entity), the
// decision in that conversation (sb_ai_decisions). Read with psql through a PostgresTarget: in the
// compose postgres container in production, a URL in the tests.
import { z } from 'zod/v4';
import type { CommandRunner } from './command.ts';
import type { PostgresTarget } from './postgres-target.ts';
import { ProductionError } from './production-error.ts';

export interface TraceQuery {
	/** Only what arrived from this moment on. */
	since: Date;
	/** The business number written to, "+" and digits. */
	number: string;
	/**
	 * The phone the test message is sent from, "+" and digits. Unset: the sender of the newest
	 * WhatsApp message to `number`, as Meta's webhook names it.
	 */
	from?: string;
	/** Workflow 01's id (n8n/workflows/01-inbound-message-triage.json). */
	workflowId: string;
}

function phoneDigits(phone: string): string {
	const digits = phone.replace(/^\+/, '');
	if (!/^\d{6,15}$/.test(digits))
		throw new ProductionError(`${phone} is not a phone number like +351912345678`);
	return digits;
}

/** The values reach SQL text (psql -c binds nothing), so each is checked against a strict alphabet. */
function literals(query: TraceQuery): {
	since: string;
	digits: string;
	from: string | null;
	workflowId: string;
} {
	const digits = phoneDigits(query.number);
	const from = query.from === undefined ? null : phoneDigits(query.from);
	if (!/^[\w-]{1,64}$/.test(query.workflowId))
		throw new ProductionError(`workflow id ${query.workflowId} is not an n8n id`);
	if (Number.isNaN(query.since.getTime()))
		throw new ProductionError('--since is not a date and time');
	return { since: query.since.toISOString(), digits, from, workflowId: query.workflowId };
}

/** One JSON document per query, so psql's unaligned output parses whole. */
const asJson = (sql: string) => `select coalesce(json_agg(t), '[]'::json) from (${sql}) t`;

export function ledgerSql(query: TraceQuery): string {
	const { since, digits, from } = literals(query);
	// Meta's webhook of the test message: to the business number, and from the tester's phone when
	// it is known (other customers write to the same number meanwhile). `contact` is the wa_id.
	const meta = `select id, received_at, forward_state, contact from sb_meta_events where kind = 'message' and display_number = '${digits}'${from ? ` and contact = '${from}'` : ''} and received_at >= '${since}' order by id desc limit 1`;
	const sender = from ? `'+${from}'` : `'+' || (select contact from meta)`;
	// The same customer's message as Chatwoot's agent bot delivered it (the bot's own and agents'
	// are dropped): Chatwoot names a WhatsApp contact by "+" and the wa_id (ledger-entry.ts keeps it).
	const inbound = `select id, conversation_id, status, received_at from sb_inbound_events where event = 'message_created' and status <> 'dropped' and received_at >= '${since}' and payload->'sender'->>'phone_number' = ${sender} order by id desc limit 1`;
	// The verdict sits under triage.output (decisionRow in glue/src/pipeline/decision.ts); a hand-off
	// keeps its reply empty, and housekeeping removes both texts after the retention period.
	return `with meta as (${meta}), inbound as (${inbound}) select json_build_object(
	'meta', (${asJson('select id, received_at, forward_state from meta')}),
	'inbound', (${asJson('select * from inbound')}),
	'decision', (${asJson(`select id, conversation_id, outcome, department, intent, confidence, model, cost_usd, latency_ms, triage->>'n8nExecutionId' as n8n_execution_id, nullif(triage->'output'->>'reply', '') as reply, coalesce(nullif(triage->'output'->>'summary', ''), handoff_reason) as summary, created_at from sb_ai_decisions where created_at >= '${since}' and conversation_id = (select conversation_id from inbound) order by id desc limit 1`)}))`;
}

/**
 * The execution that logged the decision when the decision names it (Switchboard Log records n8n's
 * execution id); before a decision, the newest run of workflow 01 since the test began, which under
 * other customers' traffic may be another's.
 */
export function executionSql(query: TraceQuery, executionId?: string | null): string {
	const { since, workflowId } = literals(query);
	const which =
		executionId && /^\d{1,19}$/.test(executionId)
			? `id = ${executionId}`
			: `"workflowId" = '${workflowId}' and "createdAt" >= '${since}'`;
	return asJson(
		// n8n 2.41's ExecutionEntity: "startedAt" stays null while queued, "createdAt" never does.
		`select id, status, "createdAt" as started_at, "stoppedAt" as stopped_at from execution_entity where ${which} order by id desc limit 1`,
	);
}

const first = <T extends z.ZodType>(row: T) => z.array(row).transform((rows) => rows[0] ?? null);

export const ledgerSchema = z.object({
	meta: first(z.object({ id: z.number(), received_at: z.string(), forward_state: z.string() })),
	inbound: first(
		z.object({
			id: z.number(),
			conversation_id: z.number().nullable(),
			status: z.string(),
			received_at: z.string(),
		}),
	),
	decision: first(
		z.object({
			id: z.number(),
			conversation_id: z.number(),
			outcome: z.string(),
			department: z.string(),
			intent: z.string(),
			confidence: z.coerce.number(),
			model: z.string(),
			cost_usd: z.coerce.number(),
			latency_ms: z.number(),
			/** Null in decisions logged before the execution id was recorded. */
			n8n_execution_id: z.string().nullable(),
			reply: z.string().nullable(),
			summary: z.string().nullable(),
			created_at: z.string(),
		}),
	),
});

export const executionSchema = first(
	z.object({
		id: z.union([z.string(), z.number()]).transform(String),
		status: z.string(),
		started_at: z.string(),
		stopped_at: z.string().nullable(),
	}),
);

export type Trace = z.infer<typeof ledgerSchema> & {
	execution: z.infer<typeof executionSchema>;
};

export interface TraceSource {
	runner: CommandRunner;
	target: PostgresTarget;
	/** Where our sb_ tables are (production: directus) and where n8n keeps executions (n8n). */
	databases: { ledger: string; n8n: string };
}

async function psqlJson(source: TraceSource, database: string, sql: string): Promise<unknown> {
	const output = await source.runner.capture(
		source.target.client('psql', [
			`--dbname=${database}`,
			'--no-psqlrc',
			'-At',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			sql,
		]),
	);
	return JSON.parse(output);
}

export async function readTrace(source: TraceSource, query: TraceQuery): Promise<Trace> {
	const ledger = ledgerSchema.parse(
		await psqlJson(source, source.databases.ledger, ledgerSql(query)),
	);
	const execution = await psqlJson(
		source,
		source.databases.n8n,
		executionSql(query, ledger.decision?.n8n_execution_id),
	);
	return { ...ledger, execution: executionSchema.parse(execution) };
}

export interface TraceLinks {
	/** https://N8N_PUBLIC_HOST */
	n8n: string;
	/** https://CHATWOOT_PUBLIC_HOST */
	chatwoot: string;
	accountId: number;
	workflowId: string;
}

/**
 * The trace as lines a person reads top to bottom, and whether it is complete (a decision was
 * logged) or, when not, which step to look at.
 */
export function describeTrace(
	trace: Trace,
	links: TraceLinks,
): { lines: string[]; complete: boolean; stuckAt: string | null } {
	const lines: string[] = [];
	const mark = (ok: boolean) => (ok ? 'ok     ' : 'waiting');
	lines.push(
		`${mark(trace.meta !== null)} Meta → gateway      ${trace.meta ? `webhook ${trace.meta.id} at ${trace.meta.received_at}, forward to Chatwoot: ${trace.meta.forward_state}` : 'no WhatsApp message to this number yet (sb_meta_events)'}`,
	);
	lines.push(
		`${mark(trace.inbound !== null)} Chatwoot → gateway  ${trace.inbound ? `conversation ${trace.inbound.conversation_id} (ledger row ${trace.inbound.id}, ${trace.inbound.status})` : 'no agent-bot webhook yet (sb_inbound_events)'}`,
	);
	const execution = trace.execution;
	lines.push(
		`${mark(execution !== null)} n8n execution       ${execution ? `${execution.id} ${execution.status}: ${links.n8n}/workflow/${links.workflowId}/executions/${execution.id}` : 'workflow 01 has not run yet'}`,
	);
	const decision = trace.decision;
	lines.push(
		`${mark(decision !== null)} decision            ${decision ? `${decision.outcome} (${decision.department}, intent ${decision.intent}, confidence ${decision.confidence}, ${decision.model}, $${decision.cost_usd.toFixed(4)}, ${decision.latency_ms} ms; sb_ai_decisions ${decision.id})` : 'none logged yet (sb_ai_decisions)'}`,
	);
	if (decision) {
		const conversation = `${links.chatwoot}/app/accounts/${links.accountId}/conversations/${decision.conversation_id}`;
		lines.push(
			decision.outcome === 'auto_replied'
				? `ok      in Chatwoot         the bot replied${decision.reply ? `: "${decision.reply}"` : ''} ${conversation}`
				: `ok      in Chatwoot         handed to a person (private note with the summary${decision.summary ? `: "${decision.summary}"` : ''}) ${conversation}`,
		);
	}
	const stuckAt = decision
		? null
		: !trace.meta && !trace.inbound
			? "the message has not reached the gateway: check Meta's callback (go-live-check.ts) and that you wrote to this number"
			: !trace.inbound
				? 'Chatwoot has not called the agent bot: check the inbox has the bot (first-start.ts --only=chatwoot-config) and `docker compose logs gateway`'
				: !execution
					? 'n8n has not run workflow 01: check the dead letters and `docker compose logs n8n-webhook n8n-worker`'
					: `the execution ended without a decision: open it in n8n (${execution.status})`;
	return { lines, complete: decision !== null, stuckAt };
}
