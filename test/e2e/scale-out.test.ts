// Scale-out shown, not claimed (issue #14): two gateway processes on one ledger behind the proxy
// (Pangolin balances Chatwoot's deliveries over both) and two n8n queue workers take 200
// conversations, and each customer is answered exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	decisionsFor,
	eventually,
	newCustomer,
	setDepartmentHours,
	type Sent,
} from './inbound-support.ts';
import { executionIds, INBOUND_WORKFLOW_ID, processesLogging } from './queue-support.ts';
import { startRetryingProxy, type RetryingProxy } from './retrying-proxy.ts';
import { startE2eStack, type E2eStack } from './stack.ts';

const CONVERSATIONS = 200;
// Customers writing at once: Chatwoot delivers each message as its own webhook.
const WRITERS = 10;

describe('scale-out: two gateways and two n8n workers', () => {
	let e2e: E2eStack;
	let proxy: RetryingProxy;
	const agent = () => agentView(e2e.chatwoot);

	before(async () => {
		proxy = await startRetryingProxy(3);
		e2e = await startE2eStack({
			botOutgoingUrl: `${proxy.url}/webhooks/chatwoot`,
			n8nWorkers: 2,
			workflows: [
				'01-inbound-message-triage.json',
				'03-whatsapp-lead-capture.json',
				'06-appointment-booking.json',
			],
		});
		const second = await e2e.startGatewayReplica('gateway-2');
		proxy.targets.push(e2e.gateway.url, second.url);
		await setDepartmentHours(e2e, 'sales', 'always');
	});
	after(async () => {
		await e2e?.stop();
		await proxy?.close();
	});

	it(`should answer each of ${CONVERSATIONS} conversations exactly once`, async (t) => {
		const startedAt = Date.now();
		const sent: Sent[] = [];
		const write = async () => {
			while (sent.length < CONVERSATIONS) {
				const slot = sent.length;
				sent.length += 1;
				sent[slot] = await customerWrites(e2e.chatwoot, {
					to: CHATWOOT_SIM_INBOXES.sales.phoneNumber,
					from: newCustomer(),
					content: 'How long does installation take?',
				});
			}
		};
		await Promise.all(Array.from({ length: WRITERS }, write));
		const sentMs = Date.now() - startedAt;

		// Answered from the Sales FAQ: one public reply each, no hand-off.
		const unanswered = async () => {
			const waiting: number[] = [];
			for (const { conversationId } of sent) {
				const view = await conversationView(agent(), conversationId);
				if (view.replies.length === 0 && view.notes.length === 0) waiting.push(conversationId);
			}
			return waiting;
		};
		await eventually(
			`a reply in each of ${CONVERSATIONS} conversations`,
			async () => ((await unanswered()).length === 0 ? true : undefined),
			600_000,
		);
		const answeredMs = Date.now() - startedAt;
		await fetch(`${e2e.chatwoot.url}/__sim/flush`, { method: 'POST' });
		await eventually('the ledger to drain', async () => {
			const { rows } = await e2e.pool.query<{ n: number }>(
				"select count(*)::int as n from sb_inbound_events where status in ('pending', 'forwarding')",
			);
			return rows[0]!.n === 0 ? true : undefined;
		});

		const ends = [];
		for (const { conversationId } of sent) {
			const view = await conversationView(agent(), conversationId);
			const decisions = await decisionsFor(e2e.pool, conversationId);
			ends.push({
				conversationId,
				replies: view.replies.length,
				notes: view.notes.length,
				decisions: decisions.length,
			});
		}
		assert.equal(new Set(sent.map((s) => s.conversationId)).size, CONVERSATIONS);
		assert.deepEqual(
			ends.filter((end) => end.replies !== 1 || end.notes !== 0 || end.decisions !== 1),
			[],
			'every conversation: one reply, no hand-off, one decision (none lost, none twice)',
		);

		// Both gateways took Chatwoot's deliveries, and both workers ran workflow 01.
		const byGateway = proxy.targets.map((target) => proxy.answeredBy[target] ?? 0);
		assert.ok(
			byGateway.every((n) => n > 0),
			`deliveries per gateway: ${byGateway.join(', ')}`,
		);
		assert.equal(proxy.failed, 0, 'no delivery refused');
		const byWorker = new Map<string, number>();
		for (const run of await executionIds(e2e, INBOUND_WORKFLOW_ID)) {
			for (const name of processesLogging(e2e, 'Worker started execution', run)) {
				byWorker.set(name, (byWorker.get(name) ?? 0) + 1);
			}
		}
		t.diagnostic(
			`${CONVERSATIONS} conversations sent in ${(sentMs / 1000).toFixed(1)} s, all answered after ` +
				`${(answeredMs / 1000).toFixed(1)} s; deliveries per gateway ${byGateway.join('/')}; ` +
				`workflow 01 executions per worker ${[...byWorker].map(([name, n]) => `${name} ${n}`).join(', ')}`,
		);
		assert.deepEqual([...byWorker.keys()].sort(), ['n8n-worker-1', 'n8n-worker-2']);
	});
});
