// Workflows 01 and 03 end to end on the real stack: a customer message goes Chatwoot (simulator) →
// gateway → n8n → Chatwoot, with Directus content, the Anthropic simulator and the Postgres log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_TEAMS,
} from '../../simulators/src/chatwoot/index.ts';
import { createChatwootClient } from '@switchboard/glue/chatwoot';
import { signChatwootWebhook } from '../../simulators/src/chatwoot/signature.ts';
import { inboundExecutionsOf, processesLogging } from './queue-support.ts';
import { listExecutions, startE2eStack, TEST_GATEWAY_ENV, type E2eStack } from './stack.ts';
import {
	agentView,
	claimResults,
	conversationView,
	customerWrites,
	decisionsFor,
	eventually,
	newCustomer,
	postSignedWebhook,
	setDepartmentHours,
} from './inbound-support.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
const SUPPORT = CHATWOOT_SIM_INBOXES.support.phoneNumber;

describe('inbound messages end to end', () => {
	let e2e: E2eStack;
	const agent = () => agentView(e2e.chatwoot);
	// A wait that times out says where the conversation's messages got to.
	const explained = async <T>(conversationId: number, wait: Promise<T>) => {
		try {
			return await wait;
		} catch (error) {
			throw new Error(`${(error as Error).message}\n${await whereItGot(conversationId)}`);
		}
	};
	const replied = (conversationId: number, count = 1, timeoutMs?: number) =>
		explained(
			conversationId,
			eventually(
				`${count} bot repl${count === 1 ? 'y' : 'ies'} in ${conversationId}`,
				async () => {
					const view = await conversationView(agent(), conversationId);
					return view.replies.length >= count ? view : undefined;
				},
				timeoutMs,
			),
		);
	const handedOff = (conversationId: number) =>
		explained(
			conversationId,
			eventually(`the hand-off of ${conversationId}`, async () => {
				const view = await conversationView(agent(), conversationId);
				return view.status === 'open' && view.notes.length > 0 ? view : undefined;
			}),
		);
	// Where a conversation's messages got to (ledger, workflow 01's claims, the gateway's log lines
	// about it): says whether to look at the gateway or at n8n.
	const whereItGot = async (conversationId: number) => {
		const ledger = await e2e.pool.query(
			`select e.id, e.status, e.attempts, e.last_error, c.state as claim, c.attempts as claims,
				c.lease_until, c.result
			 from sb_inbound_events e left join sb_inbound_claims c on c.inbound_event_id = e.id
			 where e.conversation_id = $1 order by e.id`,
			[conversationId],
		);
		const gatewayLog = readFileSync(join(e2e.stack.logDir, 'gateway.log'), 'utf8')
			.split('\n')
			.filter((line) => line.includes(`"conversationId":${conversationId},`))
			.slice(-8);
		const failed = await listExecutions(e2e, {
			status: 'error',
			includeData: 'true',
			limit: '3',
		})
			.then((runs) =>
				runs.map((run) => `${run.startedAt} ${run.data?.resultData?.error?.message ?? '?'}`),
			)
			.catch((error: unknown) => [`(n8n did not list its executions: ${String(error)})`]);
		return [
			`ledger: ${JSON.stringify(ledger.rows)}`,
			'gateway:',
			...gatewayLog,
			'n8n executions in error, newest first:',
			...failed,
		].join('\n');
	};
	const ledgerCount = async () =>
		Number((await e2e.pool.query('select count(*) as n from sb_inbound_events')).rows[0].n);
	// Every delivery the simulator has made has been answered by the gateway, and any batch it
	// forwarded has been handled: nothing is still on its way.
	const settled = async () => {
		await fetch(`${e2e.chatwoot.url}/__sim/flush`, { method: 'POST' });
		await eventually('the ledger to drain', async () => {
			const { rows } = await e2e.pool.query(
				"select count(*)::int as n from sb_inbound_events where status in ('pending', 'forwarding')",
			);
			return rows[0].n === 0 ? true : undefined;
		});
	};

	before(async () => {
		e2e = await startE2eStack({
			gatewayEnv: { ...TEST_GATEWAY_ENV, GATEWAY_RECONCILE_INTERVAL_MS: '2000' },
		});
		// Known hours, whatever the day and time the tests run: Sales always open, Support closed
		// until three days from now.
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'billing', 'always');
		await setDepartmentHours(e2e, 'support', 'in-three-days');
	});
	after(() => e2e?.stop());

	it('should run workflow 01 on the n8n worker, queued by the webhook processor, not on main', async () => {
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: 'How long does installation take?',
		});
		await replied(sent.conversationId);
		// The reply is posted before the run logs it and answers the gateway: wait for its end.
		const runs = await eventually('workflow 01 to finish the batch', async () => {
			const found = await inboundExecutionsOf(e2e, sent.conversationId);
			return found.length > 0 && found.every((run) => !['new', 'running'].includes(run.status))
				? found
				: undefined;
		});
		assert.deepEqual(
			runs.map((run) => [run.mode, run.status]),
			[['webhook', 'success']],
			'one execution of workflow 01 took the batch',
		);
		const run = runs[0]!;
		assert.deepEqual(processesLogging(e2e, 'Enqueued execution', run.id), ['n8n-webhook']);
		assert.deepEqual(processesLogging(e2e, 'Worker started execution', run.id), ['n8n-worker-1']);
	});

	it('should answer a question from the FAQ in the customer language, and log one decision with tokens and cost', async () => {
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: '¿Cuánto tarda la instalación?',
		});
		const view = await replied(sent.conversationId);
		assert.equal(view.replies.length, 1);
		assert.match(view.replies[0]!, /5 días hábiles/);
		assert.equal(view.status, 'pending', 'the bot keeps the conversation');
		const decisions = await decisionsFor(e2e.pool, sent.conversationId);
		assert.equal(decisions.length, 1);
		assert.equal(decisions[0]!.outcome, 'auto_replied');
		assert.equal(decisions[0]!.department, 'sales');
		assert.equal(decisions[0]!.language, 'es');
		assert.ok(decisions[0]!.input_tokens > 0 && decisions[0]!.output_tokens > 0);
		assert.ok(Number(decisions[0]!.cost_usd) > 0);
		await settled();
		const reply = (await agent().messages.list(sent.conversationId)).payload.find(
			(m) => m.message_type === 1 && !m.private,
		);
		const { rows: actions } = await e2e.pool.query(
			'select kind, chatwoot_message_id::int as message from sb_replies_handoffs where decision_id = $1',
			[decisions[0]!.id],
		);
		assert.deepEqual(actions, [{ kind: 'reply', message: reply?.id }]);
	});

	it('should record a lead for a new conversation and label it with its department (workflow 03)', async () => {
		const from = newCustomer();
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from,
			name: 'Lena Lead',
			content: 'Is Northwind Fibre available at my address?',
		});
		await replied(sent.conversationId);
		const lead = await eventually('the lead', async () => {
			const res = await fetch(
				`${e2e.directusUrl}/items/leads?filter[chatwoot_conversation_id][_eq]=${sent.conversationId}`,
				{ headers: { authorization: `Bearer ${e2e.stack.directus.adminToken}` } },
			);
			const body = (await res.json()) as { data: Array<Record<string, unknown>> };
			return body.data[0];
		});
		assert.equal(lead.department, 'sales');
		assert.equal(lead.receiving_number, SALES);
		assert.equal(lead.contact_phone, from);
		assert.equal(lead.contact_name, 'Lena Lead');
		assert.equal(lead.first_message, 'Is Northwind Fibre available at my address?');
		await eventually('the department label', async () =>
			(await agent().conversations.listLabels(sent.conversationId)).includes('dept-sales')
				? true
				: undefined,
		);
	});

	it('should hand off a message it cannot answer confidently: note, labels, team, open', async () => {
		const from = newCustomer();
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from,
			content: 'My neighbour says the quokka migration affects dishwashers, thoughts?',
		});
		const view = await handedOff(sent.conversationId);
		// Directus's handoff template (the seed's English one), filled in.
		assert.deepEqual(view.replies, [
			'Hi Test, I have passed your message to our Sales team; a person will reply here shortly.',
		]);
		assert.equal(view.teamId, CHATWOOT_SIM_TEAMS.sales.id);
		assert.ok(view.labels.includes('dept-sales'), `labels: ${view.labels.join(', ')}`);
		assert.ok(view.labels.some((l) => l.startsWith('urgency-')));
		assert.ok(view.labels.some((l) => l.startsWith('intent-')));
		assert.match(view.notes[0]!, /Handed off by Switchboard/);
		assert.match(view.notes[0]!, /Confidence .* below Sales's threshold 0.7/);
		assert.match(view.notes[0]!, /Language: en/);
		const [decision] = await decisionsFor(e2e.pool, sent.conversationId);
		assert.equal(decision?.outcome, 'handed_off');

		// The conversation is the agents' now: the customer's next message gets no bot reply.
		await customerWrites(e2e.chatwoot, {
			to: SALES,
			from,
			content: 'Hello? Anyone there?',
		});
		await settled();
		await sleep(1500);
		const later = await conversationView(agent(), sent.conversationId);
		assert.equal(later.replies.length, 1, 'only the acknowledgement');
		assert.equal((await decisionsFor(e2e.pool, sent.conversationId)).length, 1);
	});

	it('should hand off a message whose webhook lacked the conversation status, with a note naming it', async () => {
		const from = newCustomer();
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from,
			content: 'How long does installation take?',
		});
		await replied(sent.conversationId);
		await settled();
		// The customer's next message, as a signed agent-bot delivery whose conversation has no
		// status (the gateway records it and marks it incomplete instead of refusing it).
		const messageId = sent.messageId + 1_000_000;
		const res = await postSignedWebhook(e2e.gateway.url, CHATWOOT_SIM_BOT_SECRET, {
			event: 'message_created',
			id: messageId,
			content: 'And can I keep my number?',
			content_type: 'text',
			message_type: 'incoming',
			private: false,
			created_at: new Date().toISOString(),
			source_id: `wamid.e2e-incomplete-${messageId}`,
			sender: { id: 9_000_001, name: 'Test Customer', phone_number: from },
			inbox: { id: CHATWOOT_SIM_INBOXES.sales.id, name: 'Sales' },
			conversation: {
				id: sent.conversationId,
				inbox_id: CHATWOOT_SIM_INBOXES.sales.id,
				channel: 'Channel::Whatsapp',
				account: { id: CHATWOOT_SIM_ACCOUNT_ID },
			},
			account: { id: CHATWOOT_SIM_ACCOUNT_ID },
		});
		assert.equal(res.status, 200, await res.text());
		const view = await handedOff(sent.conversationId);
		assert.equal(view.teamId, CHATWOOT_SIM_TEAMS.sales.id);
		assert.equal(view.notes.length, 1);
		assert.match(view.notes[0]!, /could not read .* and sent the customer nothing/);
		assert.match(view.notes[0]!, /webhook lacked conversation\.status/);
		assert.equal(view.replies.length, 1, 'no bot reply to the unread message');
		await settled();
		assert.deepEqual(
			(await claimResults(e2e.pool, sent.conversationId)).map((c) => c.result),
			['auto_replied', 'unreadable'],
		);
		assert.equal((await decisionsFor(e2e.pool, sent.conversationId)).length, 1, 'no triage');
	});

	it('should transfer a billing question sent to the Sales number to Billing, with a note saying why', async () => {
		await fetch(`${e2e.anthropic.url}/__sim/script`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				json: {
					intent: 'invoice_question',
					department: 'billing',
					urgency: 'medium',
					sentiment: 'neutral',
					language: 'en',
					confidence: 0.93,
					needs_human: false,
					handoff_reason: null,
					reply: 'Billing can look into your invoice.',
					summary: 'Customer asks why the November invoice is higher.',
					used_content_ids: [],
				},
			}),
		});
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: 'Why is my November invoice higher than usual?',
		});
		const view = await handedOff(sent.conversationId);
		assert.equal(view.teamId, CHATWOOT_SIM_TEAMS.billing.id);
		assert.ok(view.labels.includes('dept-billing'), `labels: ${view.labels.join(', ')}`);
		assert.ok(view.labels.includes('transferred'));
		assert.match(view.notes[0]!, /Transferred by Switchboard from Sales to Billing/);
		assert.match(view.notes[0]!, /Billing question \(confidence 0.93\); received on Sales/);
		const [decision] = await decisionsFor(e2e.pool, sent.conversationId);
		assert.equal(decision?.outcome, 'transferred');
	});

	it('should tell the customer when a closed team is back, and hand off for then', async () => {
		const sent = await customerWrites(e2e.chatwoot, {
			to: SUPPORT,
			from: newCustomer(),
			content: 'The zebra firmware flux capacitor is blinking purple',
		});
		const view = await handedOff(sent.conversationId);
		assert.equal(view.replies.length, 1);
		// Directus's out_of_hours template (the seed's English one), filled in.
		assert.match(
			view.replies[0]!,
			/^Hi Test, thanks for your message\. We are closed right now and open again \w+ at 09:00\./,
		);
		assert.match(view.notes[0]!, /Closed now; back \w+ at 09:00\. The customer was told\./);
	});

	it('should answer a burst of five messages once, having read all five', async () => {
		const from = newCustomer();
		const parts = ['Hi', 'quick question', 'about installation', 'how long does it take', 'thanks'];
		let conversationId = 0;
		for (const content of parts) {
			({ conversationId } = await customerWrites(e2e.chatwoot, { to: SALES, from, content }));
		}
		await replied(conversationId);
		await settled();
		await sleep(1500);
		const view = await conversationView(agent(), conversationId);
		assert.equal(view.replies.length, 1);
		const decisions = await decisionsFor(e2e.pool, conversationId);
		assert.equal(decisions.length, 1);
		const { rows } = await e2e.pool.query(
			`select count(*)::int as n from sb_inbound_claims c join sb_inbound_events e on e.id = c.inbound_event_id
			 where e.conversation_id = $1 and c.decision_id = $2`,
			[conversationId, decisions[0]!.id],
		);
		assert.equal(rows[0].n, 5, 'all five messages went into the one triage');
	});

	it('should reply once when Chatwoot delivers the same webhook twice', async () => {
		await chaos(e2e, { duplicateProbability: 1 });
		try {
			const sent = await customerWrites(e2e.chatwoot, {
				to: SALES,
				from: newCustomer(),
				content: 'Is there a contract or a cancellation fee?',
			});
			await replied(sent.conversationId);
			await settled();
			await sleep(1500);
			const deliveries = (await (
				await fetch(`${e2e.chatwoot.url}/__sim/deliveries`)
			).json()) as Array<{ event: string; status: number | null }>;
			assert.ok(deliveries.length > 0);
			assert.equal((await conversationView(agent(), sent.conversationId)).replies.length, 1);
			assert.equal((await decisionsFor(e2e.pool, sent.conversationId)).length, 1);
		} finally {
			await chaos(e2e, { duplicateProbability: 0 });
		}
	});

	it('should not triage a private note, an agent reply or the bot reply', async () => {
		const dropped = async (reason: string) => {
			const text = await (await fetch(`${e2e.gateway.url}/metrics`)).text();
			const line = text
				.split('\n')
				.find((l) => l.startsWith(`sb_gateway_webhooks_dropped_total{reason="${reason}"}`));
			return Number(line?.split(' ').at(-1) ?? 0);
		};
		const before = {
			bot: await dropped('bot_sender'),
			note: await dropped('private_note'),
			agent: await dropped('agent_sender'),
		};
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: 'How long does installation take?',
		});
		await replied(sent.conversationId);
		await agent().messages.createPrivateNote(sent.conversationId, 'Checking the address first');
		await agent().messages.create(sent.conversationId, { content: 'Hi, Ada from Sales here.' });
		await settled();
		await sleep(1500);
		assert.equal((await decisionsFor(e2e.pool, sent.conversationId)).length, 1);
		assert.ok((await dropped('bot_sender')) > before.bot, "the bot's own reply was dropped");
		assert.ok((await dropped('private_note')) > before.note, 'the private note was dropped');
		assert.ok((await dropped('agent_sender')) > before.agent, "the agent's reply was dropped");
	});

	it('should fall back to a keyword hand-off when Claude answers 529', async () => {
		await fetch(`${e2e.anthropic.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ path: '/v1/messages', status: 529, times: 3 }),
		});
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: 'I want to upgrade my plan',
		});
		const view = await handedOff(sent.conversationId);
		assert.match(view.notes[0]!, /Claude was not available \(overloaded/);
		const [decision] = await decisionsFor(e2e.pool, sent.conversationId);
		assert.equal(decision?.outcome, 'fallback');
	});

	it('should refuse a forged signature with 401 and write nothing', async () => {
		const before = await ledgerCount();
		const body = JSON.stringify({ event: 'message_created', id: 999_999, content: 'forged' });
		const timestamp = String(Math.floor(Date.now() / 1000));
		const res = await fetch(`${e2e.gateway.url}/webhooks/chatwoot`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-chatwoot-timestamp': timestamp,
				'x-chatwoot-signature': signChatwootWebhook('not-the-secret', timestamp, body),
			},
			body,
		});
		assert.equal(res.status, 401);
		assert.equal(await ledgerCount(), before);
	});

	it('should find a message whose webhook never came, through the reconciler, and answer it', async () => {
		// The gateway is down for longer than Chatwoot retries an agent-bot webhook (three tries), on
		// an account that keeps conversations pending when the bot fails (Chatwoot 4.11+): nobody
		// would ever see the message without the reconciler.
		e2e.chatwootSim.state.accountOf(1).keepPendingOnBotFailure = true;
		await e2e.stopGateway();
		let sent;
		try {
			sent = await customerWrites(e2e.chatwoot, {
				to: SALES,
				from: newCustomer(),
				content: 'How long does installation take?',
			});
			await eventually('Chatwoot to give up on the webhook', async () => {
				const deliveries = (await (
					await fetch(`${e2e.chatwoot.url}/__sim/deliveries`)
				).json()) as Array<{ outcome: string; attempt: number }>;
				return deliveries.some((d) => d.outcome === 'failed') ? true : undefined;
			});
		} finally {
			await e2e.startGateway();
		}
		await replied(sent.conversationId);
		const { rows } = await e2e.pool.query(
			'select source from sb_inbound_events where chatwoot_message_id = $1',
			[sent.messageId],
		);
		assert.deepEqual(rows, [{ source: 'reconciler' }]);
	});

	it('should say nothing in a conversation an agent took while n8n was stopped, and complete it not_pending', async () => {
		const sam = createChatwootClient({
			baseUrl: e2e.chatwoot.url,
			accessToken: CHATWOOT_SIM_AGENTS.sales.token,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
		});
		const attempted = (conversationId: number) =>
			eventually(`the gateway to try n8n with ${conversationId}`, async () => {
				const { rows } = await e2e.pool.query(
					'select max(attempts)::int as n from sb_inbound_events where conversation_id = $1',
					[conversationId],
				);
				return rows[0].n >= 1 ? true : undefined;
			});
		await e2e.stack.stopN8n();
		let assigned;
		let opened;
		try {
			assigned = await customerWrites(e2e.chatwoot, {
				to: SALES,
				from: newCustomer(),
				content: 'How long does installation take?',
			});
			opened = await customerWrites(e2e.chatwoot, {
				to: SALES,
				from: newCustomer(),
				content: 'How long does installation take?',
			});
			await attempted(assigned.conversationId);
			await attempted(opened.conversationId);
			// While the batches wait: one agent assigns himself, another opens the conversation.
			await agent().conversations.assignAgent(
				assigned.conversationId,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
			await sam.conversations.toggleStatus(opened.conversationId, { status: 'open' });
		} finally {
			await e2e.stack.startN8n();
		}
		for (const { conversationId } of [assigned, opened]) {
			const claims = await explained(
				conversationId,
				eventually(
					`the batch of ${conversationId} to be completed`,
					async () => {
						const rows = await claimResults(e2e.pool, conversationId);
						return rows.length > 0 && rows.every((c) => c.state === 'done') ? rows : undefined;
					},
					180_000,
				),
			);
			assert.deepEqual(
				claims.map((c) => c.result),
				['not_pending'],
			);
		}
		await settled();
		await sleep(1500);
		for (const { conversationId } of [assigned, opened]) {
			const view = await conversationView(agent(), conversationId);
			assert.deepEqual([view.replies, view.notes], [[], []], 'the bot said nothing');
		}
	});

	it('should answer all ten messages that arrive while n8n is stopped for 30 s, once it is back', async () => {
		await e2e.stack.stopN8n();
		const sent = [];
		for (let n = 0; n < 10; n++) {
			sent.push(
				await customerWrites(e2e.chatwoot, {
					to: SALES,
					from: newCustomer(),
					content: 'How long does installation take?',
				}),
			);
		}
		await sleep(30_000);
		await e2e.stack.startN8n();
		// Up to 3 minutes each: an execution that dies holding a claim is taken over when its lease
		// (120 s, workflow 01) runs out. Late is allowed here; lost or twice is not.
		for (const message of sent) await replied(message.conversationId, 1, 180_000);
		await settled();
		for (const message of sent) {
			assert.equal((await conversationView(agent(), message.conversationId)).replies.length, 1);
			assert.equal((await decisionsFor(e2e.pool, message.conversationId)).length, 1);
		}
	});
});

async function chaos(
	e2e: E2eStack,
	settings: { dropProbability?: number; duplicateProbability?: number },
): Promise<void> {
	const res = await fetch(`${e2e.chatwoot.url}/__sim/webhook-chaos`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(settings),
	});
	assert.equal(res.status, 200);
}
