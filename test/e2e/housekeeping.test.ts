// Housekeeping on the real stack (issue #14, item 6): the running gateway removes message text once
// it is past the retention; workflow 04 (imported and published with the others) e-mails the
// dead-letter report to operations through the SMTP credential (the SMTP sink here) in the hourly
// run at the local hour its Settings name (the business's time zone, from Directus), and replays a
// dead letter an operator names in it, as from n8n's editor. Its runs are started with n8n's own
// CLI (`n8n execute`), which starts at the workflow's first trigger node.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';
import { runToCompletion } from '../../scripts/lib/managed-process.ts';
import { wallClock } from '@switchboard/glue/common';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import { startSmtpSink, type TestSmtpSink } from '../../simulators/src/smtp/testing.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	decisionsFor,
	eventually,
	newCustomer,
} from './inbound-support.ts';
import { listExecutions, startE2eStack, TEST_GATEWAY_ENV, type E2eStack } from './stack.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
const HOUSEKEEPING_WORKFLOW = 'sbHousekeeping04';
// The e2e stack's Switchboard log credential; production's comes from SWITCHBOARD_OPERATIONS_EMAIL.
const OPERATIONS = 'operations@example.com';

interface WorkflowJson {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: unknown;
}

describe('housekeeping', () => {
	let e2e: E2eStack;
	let smtp: TestSmtpSink;

	before(async () => {
		smtp = await startSmtpSink();
		e2e = await startE2eStack({
			gatewayEnv: {
				...TEST_GATEWAY_ENV,
				SWITCHBOARD_TEXT_RETENTION_DAYS: '1',
				GATEWAY_HOUSEKEEPING_INTERVAL_MS: '500',
			},
			credentials: {
				smtp: {
					host: '127.0.0.1',
					port: smtp.smtp.port,
					user: 'n8n',
					password: 'sink',
					secure: false,
					disableStartTls: true,
				},
			},
		});
	});
	after(async () => {
		await e2e?.stop();
		await smtp?.close();
	});

	const workflowApi = () => `${e2e.stack.n8n.url}/api/v1/workflows/${HOUSEKEEPING_WORKFLOW}`;
	const apiHeaders = () => ({
		'X-N8N-API-KEY': e2e.stack.n8n.apiKey,
		'content-type': 'application/json',
	});
	const readWorkflow = async (): Promise<WorkflowJson> =>
		(await (await fetch(workflowApi(), { headers: apiHeaders() })).json()) as WorkflowJson;
	const saveWorkflow = async (workflow: WorkflowJson) => {
		const res = await fetch(workflowApi(), {
			method: 'PUT',
			headers: apiHeaders(),
			body: JSON.stringify({
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: { executionOrder: 'v1' },
			}),
		});
		assert.equal(res.status, 200, await res.text());
	};
	/** `n8n execute --id=…` beside the running server; it starts at the first trigger node. */
	const executeWorkflow = async (): Promise<string> => {
		const n8n = e2e.stack.n8n;
		const [before] = await listExecutions(e2e, { workflowId: HOUSEKEEPING_WORKFLOW, limit: '1' });
		const run = await runToCompletion({
			name: 'n8n execute',
			command: process.execPath,
			args: [locateRuntimes().n8nBin, 'execute', `--id=${HOUSEKEEPING_WORKFLOW}`],
			// The CLI must not fight the running server for its task-broker port.
			env: { ...n8n.env, N8N_RUNNERS_ENABLED: 'false', N8N_RUNNERS_BROKER_PORT: '0' },
			cwd: n8n.userFolder,
			logFile: `${n8n.logFile}.execute`,
		});
		// What n8n recorded, not the exit code: the CLI has been seen to die by a signal while shutting
		// down after a successful run (code null), which says nothing about the run.
		const [latest] = await listExecutions(e2e, {
			workflowId: HOUSEKEEPING_WORKFLOW,
			limit: '1',
		});
		assert.notEqual(latest?.id, before?.id, `no new execution: ${run.tail}`);
		assert.equal(latest?.mode, 'cli', run.tail);
		assert.equal(latest?.status, 'success', run.tail);
		return latest.id;
	};
	/** What the forwarder does when it gives up on a conversation's rows, without the retries. */
	const deadLettered = async (conversationId: number): Promise<number> => {
		const { rows } = await e2e.pool.query(
			"update sb_inbound_events set status = 'dead', attempts = 10, last_error = 'n8n answered HTTP 500' where conversation_id = $1 returning id",
			[conversationId],
		);
		return Number(rows[0].id);
	};

	/** A customer's question, answered by the bot: its conversation and ledger rows. */
	const answeredQuestion = async (content: string) => {
		const sent = await customerWrites(e2e.chatwoot, { to: SALES, from: newCustomer(), content });
		await eventually('the bot reply', async () => {
			const view = await conversationView(agentView(e2e.chatwoot), sent.conversationId);
			return view.replies.length > 0 ? view : undefined;
		});
		await eventually('the ledger row done', async () => {
			const { rows } = await e2e.pool.query(
				'select status from sb_inbound_events where conversation_id = $1',
				[sent.conversationId],
			);
			return rows.length > 0 && rows.every((row) => row.status === 'done') ? true : undefined;
		});
		return sent;
	};

	it("should remove a message's text a day later and keep its decision and figures", async () => {
		const sent = await answeredQuestion('How long does the installation take?');
		const [decision] = await decisionsFor(e2e.pool, sent.conversationId);
		assert.ok(decision);
		// Two days pass for these rows only.
		await e2e.pool.query(
			"update sb_inbound_events set received_at = received_at - interval '2 days' where conversation_id = $1",
			[sent.conversationId],
		);
		await e2e.pool.query(
			"update sb_ai_decisions set created_at = created_at - interval '2 days' where conversation_id = $1",
			[sent.conversationId],
		);
		const event = await eventually('the gateway to redact the ledger row', async () => {
			const { rows } = await e2e.pool.query(
				'select payload, text_redacted_at from sb_inbound_events where conversation_id = $1',
				[sent.conversationId],
			);
			return rows[0]?.text_redacted_at ? rows[0] : undefined;
		});
		assert.equal(event.payload.content, undefined);
		assert.equal(event.payload.redacted, true);
		const { rows } = await e2e.pool.query(
			`select intent, outcome, input_tokens, text_redacted_at, triage from sb_ai_decisions
			where id = $1`,
			[decision.id],
		);
		assert.equal(rows[0].intent.length > 0, true);
		assert.equal(rows[0].outcome, decision.outcome);
		assert.equal(rows[0].input_tokens, decision.input_tokens);
		assert.ok(rows[0].text_redacted_at);
		assert.equal(rows[0].triage.output.reply, undefined);
		assert.doesNotMatch(JSON.stringify(rows[0].triage), /installation/i);
	});

	it('should e-mail operations the daily dead-letter report through the SMTP credential, without the message', async () => {
		const sent = await answeredQuestion('Is there a student discount on fibre?');
		const ledgerId = await deadLettered(sent.conversationId);
		// The schedule trigger is the workflow's first trigger: these are its hourly runs. One at
		// another hour of the business's day than the one in Settings sends nothing...
		const { rows: zone } = await e2e.pool.query('select time_zone from business_info');
		const localHour = wallClock(new Date(), zone[0].time_zone as string).hour;
		const workflow = await readWorkflow();
		const node = (name: string) => workflow.nodes.find((candidate) => candidate.name === name)!;
		const settings = node('Settings').parameters.assignments as {
			assignments: Array<{ name: string; value: unknown }>;
		};
		const reportHour = settings.assignments.find((assignment) => assignment.name === 'reportHour')!;
		assert.equal(reportHour.value, 7, 'shipped: 07:00 on the business clock');
		reportHour.value = (localHour + 12) % 24;
		await saveWorkflow(workflow);
		await executeWorkflow();
		assert.equal(smtp.sink.store.list({ to: OPERATIONS }).length, 0, 'not the hour yet');
		// ...and with no hour set, every run does (the hour itself is unit-tested on a fixed clock, so
		// the wall clock cannot race this test).
		node('Dead-letter report').parameters.localHour = '';
		await saveWorkflow(workflow);
		await executeWorkflow();
		const mail = await eventually('the report in the SMTP sink', async () =>
			smtp.sink.store.list({ to: OPERATIONS }).at(-1),
		);
		assert.match(String(mail.subject), /^Switchboard: 1 dead letter waiting for a replay \(1 new/);
		const text = String(mail.text).replace(/\r\n/g, '\n');
		assert.match(
			text,
			new RegExp(`#${ledgerId}  conversation ${sent.conversationId}  10 attempts`),
		);
		assert.match(text, /last error: n8n answered HTTP 500/);
		assert.doesNotMatch(text, /student discount/);
	});

	it('should replay a dead letter an operator names in workflow 04 and runs by hand', async () => {
		const { rows: dead } = await e2e.pool.query(
			"select id::int as id from sb_inbound_events where status = 'dead' order by id",
		);
		assert.equal(dead.length, 1, 'the dead letter of the report test');
		const ledgerId = dead[0].id as number;

		// In the editor: the id into "Replay dead letters", then "Execute workflow", which starts
		// at the manual trigger (here: that trigger first, where the CLI starts).
		const workflow = await readWorkflow();
		const replay = workflow.nodes.find((node) => node.name === 'Replay dead letters')!;
		replay.parameters.ledgerIds = String(ledgerId);
		const manual = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger');
		workflow.nodes = [...manual, ...workflow.nodes.filter((node) => !manual.includes(node))];
		await saveWorkflow(workflow);
		const mailsBefore = smtp.sink.store.list({ to: OPERATIONS }).length;
		await executeWorkflow();

		// Pending again, and the gateway forwards it to workflow 01 once more.
		await eventually('the replayed dead letter forwarded again', async () => {
			const { rows } = await e2e.pool.query('select status from sb_inbound_events where id = $1', [
				ledgerId,
			]);
			return rows[0]?.status === 'done' ? true : undefined;
		});
		assert.equal(smtp.sink.store.list({ to: OPERATIONS }).length, mailsBefore, 'no report sent');
	});
});
