// The verify command's trace: its SQL run by the real psql against the real log-store tables on the
// shared PostgreSQL. n8n's execution_entity is a stand-in with the columns the query reads (n8n 2.41's
// ExecutionEntity), since booting n8n for one table would cost a stack.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate, recordDecision } from '@switchboard/glue/log-store';
import { decisionRow, triageItem, type LoggedRoute } from '@switchboard/glue/pipeline';
import type { TriageResult } from '@switchboard/glue/triage';
import { createTestDatabase, makeTriageResult, type TestDatabase } from '@switchboard/glue/testing';
import { createProcessRunner } from './command.ts';
import { urlTarget } from './postgres-target.ts';
import { describeTrace, readTrace, type Trace, type TraceQuery } from './verify-trace.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const links = {
	n8n: 'https://n8n.fibra.pt',
	chatwoot: 'https://chat.fibra.pt',
	accountId: 1,
	workflowId: 'sbInboundTriage1',
};

describe('verify-trace.ts', () => {
	let db: TestDatabase;
	let source: Parameters<typeof readTrace>[0];
	const since = new Date(Date.now() - 60_000);
	const query: TraceQuery = { since, number: '+351912000101', workflowId: 'sbInboundTriage1' };

	before(async () => {
		db = await createTestDatabase();
		const pool = db.pool();
		await migrate(pool);
		await pool.query(`create table execution_entity (
			id serial primary key, "workflowId" varchar(36) not null, status varchar not null,
			"createdAt" timestamptz not null default now(), "startedAt" timestamptz, "stoppedAt" timestamptz)`);
		source = {
			runner: createProcessRunner(),
			target: urlTarget(adminUrl),
			databases: { ledger: db.name, n8n: db.name },
		};
	});
	after(() => db?.drop());

	it('should find nothing before the message, and say to check the callback', async () => {
		const trace = await readTrace(source, query);
		assert.deepEqual(trace, { meta: null, inbound: null, decision: null, execution: null });
		const described = describeTrace(trace, links);
		assert.equal(described.complete, false);
		assert.match(
			described.stuckAt ?? '',
			/^the message has not reached the gateway: check Meta's callback/,
		);
	});

	const TESTER = '351936000001';
	const OTHER_CUSTOMER = '351936000002';
	/** A ledger row as the gateway keeps an agent-bot webhook: the sender's phone in its payload. */
	const inboundRow = (
		conversationId: number,
		phone: string,
		status: string,
		dropReason: string | null = null,
	) =>
		db.pool().query(
			`insert into sb_inbound_events (source, conversation_id, account_id, event, payload, status, drop_reason)
			values ('agent_bot', $1, 1, 'message_created', $2, $3, $4)`,
			[conversationId, JSON.stringify({ sender: { phone_number: phone } }), status, dropReason],
		);

	/** A decision as workflow 01 logs it (decisionRow), so the trace reads the row's real shape. */
	const decided = async (
		conversationId: number,
		route: LoggedRoute,
		verdict: Partial<TriageResult['output']>,
		n8nExecutionId?: string,
	) => {
		const result = makeTriageResult(
			{
				intent: 'opening_hours',
				language: 'en',
				confidence: 0.93,
				reply: '',
				summary: 'Asks when the shop is open',
				used_content_ids: [],
				...verdict,
			},
			{
				model: 'claude-test',
				inputTokens: 900,
				outputTokens: 80,
				cacheReadTokens: 0,
				costUsd: 0.0021,
				latencyMs: 1840,
			},
		);
		await recordDecision(
			db.pool(),
			decisionRow({
				conversationId,
				triage: triageItem(result),
				route,
				...(n8nExecutionId ? { n8nExecutionId } : {}),
			}),
		);
	};

	it("should follow the message from Meta to the decision, ignoring older rows, other numbers and other customers' newer messages", async () => {
		const pool = db.pool();
		const old = new Date(since.getTime() - 3_600_000).toISOString();
		const webhook = await pool.query<{ id: string }>(
			`insert into sb_meta_webhooks (body) values ('{}') returning id`,
		);
		const metaEvent = `insert into sb_meta_events (webhook_id, received_at, kind, dedupe_key, display_number, contact, payload, forward_state)
			values ($1, $2, 'message', $3, $4, $5, '{}', 'done')`;
		await pool.query(metaEvent, [webhook.rows[0]!.id, old, 'old', '351912000101', TESTER]);
		await pool.query(metaEvent, [
			webhook.rows[0]!.id,
			new Date().toISOString(),
			'other',
			'351912000999',
			OTHER_CUSTOMER,
		]);
		await pool.query(metaEvent, [
			webhook.rows[0]!.id,
			new Date().toISOString(),
			'ours',
			'351912000101',
			TESTER,
		]);
		await inboundRow(42, `+${TESTER}`, 'done');
		// The bot's own reply comes back as a webhook too; the gateway drops it.
		await inboundRow(42, `+${TESTER}`, 'dropped', 'outgoing');
		// Another customer's message, newer than ours, to another department's number.
		await inboundRow(77, `+${OTHER_CUSTOMER}`, 'pending');
		await pool.query(
			`insert into execution_entity ("workflowId", status, "createdAt") values ('sbInboundTriage1', 'success', $1), ('sbInboundTriage1', 'success', now()), ('other', 'error', now())`,
			[old],
		);
		await decided(42, { action: 'reply' }, { reply: 'We are open 9 to 6.' });

		const trace = await readTrace(source, query);
		assert.equal(trace.meta?.forward_state, 'done');
		assert.deepEqual(
			{ conversation: trace.inbound?.conversation_id, status: trace.inbound?.status },
			{ conversation: 42, status: 'done' },
		);
		assert.equal(trace.execution?.status, 'success');
		assert.equal(trace.decision?.reply, 'We are open 9 to 6.');

		const { lines, complete, stuckAt } = describeTrace(trace, links);
		assert.equal(complete, true);
		assert.equal(stuckAt, null);
		assert.match(
			lines[2]!,
			new RegExp(
				`^ok +n8n execution +${trace.execution!.id} success: https://n8n\\.fibra\\.pt/workflow/sbInboundTriage1/executions/${trace.execution!.id}$`,
			),
		);
		assert.match(
			lines[3]!,
			/^ok +decision +auto_replied \(sales, intent opening_hours, confidence 0\.93, claude-test, \$0\.0021, 1840 ms/,
		);
		assert.match(
			lines[4]!,
			/the bot replied: "We are open 9 to 6\." https:\/\/chat\.fibra\.pt\/app\/accounts\/1\/conversations\/42$/,
		);
	});

	it("should follow the tester's phone, not a customer who wrote to the same number since", async () => {
		const pool = db.pool();
		const webhook = await pool.query<{ id: string }>(
			`insert into sb_meta_webhooks (body) values ('{}') returning id`,
		);
		await pool.query(
			`insert into sb_meta_events (webhook_id, kind, dedupe_key, display_number, contact, payload, forward_state)
			values ($1, 'message', 'theirs', '351912000101', $2, '{}', 'pending')`,
			[webhook.rows[0]!.id, OTHER_CUSTOMER],
		);
		await inboundRow(78, `+${OTHER_CUSTOMER}`, 'pending');

		// Without --from, the newest sender to the number is taken for the tester...
		const newest = await readTrace(source, query);
		assert.equal(newest.inbound?.conversation_id, 78);
		assert.equal(newest.decision, null);
		// ...with it, the tester's own message, conversation and decision.
		const trace = await readTrace(source, { ...query, from: `+${TESTER}` });
		assert.equal(trace.meta?.forward_state, 'done');
		assert.equal(trace.inbound?.conversation_id, 42);
		assert.equal(trace.decision?.reply, 'We are open 9 to 6.');
	});

	describe('describeTrace', () => {
		const base: Trace = { meta: null, inbound: null, decision: null, execution: null };
		const inbound = { id: 1, conversation_id: 7, status: 'done', received_at: 'now' };

		it('should point at n8n when the gateway has the message but workflow 01 never ran', () => {
			assert.match(
				describeTrace({ ...base, inbound }, links).stuckAt ?? '',
				/^n8n has not run workflow 01: check the dead letters/,
			);
		});

		it('should point at the execution when it ended without a decision', () => {
			const execution = { id: '9', status: 'error', started_at: 'now', stopped_at: 'now' };
			assert.equal(
				describeTrace({ ...base, inbound, execution }, links).stuckAt,
				'the execution ended without a decision: open it in n8n (error)',
			);
		});

		it('should show a hand-off with its summary', () => {
			const decision = {
				id: 3,
				conversation_id: 7,
				outcome: 'handed_off',
				department: 'support',
				intent: 'outage_report',
				confidence: 0.4,
				model: 'm',
				cost_usd: 0,
				latency_ms: 1,
				n8n_execution_id: null,
				reply: null,
				summary: 'Customer reports no internet since 8am.',
				created_at: 'now',
			};
			const { lines } = describeTrace({ ...base, inbound, decision }, links);
			assert.match(
				lines.at(-1)!,
				/handed to a person \(private note with the summary: "Customer reports no internet since 8am\."\) https:\/\/chat\.fibra\.pt\/app\/accounts\/1\/conversations\/7$/,
			);
		});
	});

	it('should show the execution the decision names, not a newer run for another customer', async () => {
		const tester = '351936000004';
		const runs = await db.pool().query<{
			id: number;
		}>(`insert into execution_entity ("workflowId", status) values ('sbInboundTriage1', 'success'), ('sbInboundTriage1', 'error') returning id`);
		const [ours, newer] = runs.rows.map((row) => String(row.id));
		await inboundRow(44, `+${tester}`, 'done');
		await decided(44, { action: 'reply' }, { reply: 'We are open 9 to 6.' }, ours);
		const trace = await readTrace(source, { ...query, from: `+${tester}` });
		assert.equal(trace.decision?.n8n_execution_id, ours);
		assert.deepEqual([trace.execution?.id, trace.execution?.status], [ours, 'success']);
		assert.notEqual(trace.execution?.id, newer);
	});

	it("should show a hand-off's summary, and no reply, from the decision workflow 01 logged", async () => {
		const tester = '351936000003';
		await inboundRow(43, `+${tester}`, 'done');
		await decided(
			43,
			{ action: 'handoff' },
			{
				intent: 'outage_report',
				department: 'support',
				needs_human: true,
				handoff_reason: 'Outage.',
				summary: 'Customer reports no internet since 8am.',
			},
		);
		const trace = await readTrace(source, { ...query, from: `+${tester}` });
		assert.equal(trace.decision?.outcome, 'handed_off');
		assert.equal(trace.decision?.reply, null);
		assert.equal(trace.decision?.summary, 'Customer reports no internet since 8am.');
	});

	it('should refuse a number that could carry SQL', async () => {
		await assert.rejects(
			readTrace(source, { ...query, number: "+1'; drop table x; --" }),
			/is not a phone number/,
		);
		await assert.rejects(
			readTrace(source, { ...query, from: "+351' or ''='" }),
			/\+351' or ''=' is not a phone number/,
		);
	});
});
