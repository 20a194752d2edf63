// Issue #17, items 1 and 2: when the gateway is down, Chatwoot either opens the conversations whose
// bot delivery failed (its agent-bot failure path) or, with keep_pending_on_bot_failure, keeps them
// pending. Either way every customer ends replied once or handed off with a note and a team, none
// untriaged, none twice; and a customer left waiting too long is handed off by the safety net.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_TEAMS,
} from '../../simulators/src/chatwoot/index.ts';
import {
	ASKS,
	assertEveryoneServedOnce,
	assertHandedOffToTheirTeam,
	awaitEnds,
	customerAsks,
	customersWrite,
	describeRow,
	stackHealthy,
	type Customer,
	type CustomerEnd,
} from './fault-support.ts';
import {
	agentView,
	claimResults,
	conversationView,
	decisionsFor,
	eventually,
	setDepartmentHours,
} from './inbound-support.ts';
import { startE2eStack, TEST_GATEWAY_ENV, type E2eStack } from './stack.ts';

const OUTAGE_MS = 20_000;
const ALL_ASKS = [ASKS.answerable, ASKS.closedHandOff, ASKS.openHandOff];

describe('the gateway down while customers write', () => {
	let e2e: E2eStack;

	before(async () => {
		e2e = await startE2eStack({
			// The reconciler finds what the gateway missed; the safety net keeps its 10 minutes here.
			gatewayEnv: { ...TEST_GATEWAY_ENV, GATEWAY_RECONCILE_INTERVAL_MS: '2000' },
		});
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'billing', 'always');
		await setDepartmentHours(e2e, 'support', 'in-three-days');
	});
	after(async () => {
		await e2e?.stop();
	});

	const keepPending = (on: boolean) => {
		e2e.chatwootSim.state.accountOf(CHATWOOT_SIM_ACCOUNT_ID).keepPendingOnBotFailure = on;
	};

	/** 30 customers write; before the 4th, the gateway is SIGKILLed and comes back 20 s later. */
	const thirtyWriteThroughAnOutage = async () => {
		let back: Promise<unknown> = Promise.resolve();
		const customers = await customersWrite(e2e.chatwoot, 30, ALL_ASKS, {
			gapMs: 700,
			during: async (n) => {
				if (n !== 3) return;
				const gateway = e2e.gateway.process;
				gateway.killNow();
				await gateway.exited;
				back = sleep(OUTAGE_MS).then(() => e2e.startGateway());
			},
		});
		await back;
		return customers;
	};

	const outcomesOf = async (ends: CustomerEnd[]) =>
		Promise.all(
			ends.map(async (end) =>
				(await decisionsFor(e2e.pool, end.conversationId)).map((d) => d.outcome),
			),
		);

	it('should triage and route to its team, without a word, each customer Chatwoot opened while the gateway was killed', async (t) => {
		keepPending(false);
		await stackHealthy(e2e);
		const startedAt = Date.now();
		const customers = await thirtyWriteThroughAnOutage();
		const ends = await awaitEnds(e2e, customers, 360_000);
		t.diagnostic(
			describeRow('gateway kill -9 for 20 s, 30 customers, keep_pending off', ends, startedAt),
		);
		assertEveryoneServedOnce(ends);
		assertHandedOffToTheirTeam(ends, customers);

		// Chatwoot opened a conversation when the delivery of the customer's message failed, or when
		// the echo of a bot message did (n8n answered while the gateway was down): triaged once either
		// way; routed without a word in the first case.
		const opened = ends.filter((end) => end.botFailure);
		const outcomes = await outcomesOf(opened);
		assert.deepEqual(
			outcomes.filter((decided) => decided.length !== 1),
			[],
			'each opened conversation was triaged once',
		);
		const routed = opened.filter((_, n) => outcomes[n]?.[0] === 'handed_off_after_bot_failure');
		assert.ok(routed.length > 0, "Chatwoot's failure path opened some customers' conversations");
		assert.deepEqual(
			routed.map((end) => [end.conversationId, end.outcome, end.botMessages]),
			routed.map((end) => [end.conversationId, 'handed off', 0]),
			'routed with a note and a team, and nothing sent to the customer',
		);
		for (const end of routed) {
			const { notes } = await conversationView(agentView(e2e.chatwoot), end.conversationId);
			assert.match(notes[0] ?? '', /Chatwoot opened this conversation before the bot could answer/);
		}
		const answered = opened.filter((_, n) => outcomes[n]?.[0] === 'auto_replied');
		assert.deepEqual(
			answered.map((end) => [end.conversationId, end.outcome, end.status]),
			answered.map((end) => [end.conversationId, 'replied once', 'pending']),
			'opened only by the echo of its reply: given back to the bot',
		);
	});

	it('should keep the conversations pending with keep_pending_on_bot_failure, and answer them once the gateway is back', async (t) => {
		keepPending(true);
		try {
			await stackHealthy(e2e);
			const startedAt = Date.now();
			const customers = await thirtyWriteThroughAnOutage();
			const ends = await awaitEnds(e2e, customers, 360_000);
			t.diagnostic(
				describeRow('gateway kill -9 for 20 s, 30 customers, keep_pending on', ends, startedAt),
			);
			assertEveryoneServedOnce(ends);
			assertHandedOffToTheirTeam(ends, customers);
			assert.deepEqual(
				ends.filter((end) => end.botFailure).map((end) => end.conversationId),
				[],
				'Chatwoot opened none',
			);
			// customersWrite alternates the asks: every third customer asks what the FAQ answers.
			const answerable = ends.filter((_, n) => ALL_ASKS[n % ALL_ASKS.length] === ASKS.answerable);
			assert.deepEqual(
				answerable.map((end) => [end.conversationId, end.outcome]),
				answerable.map((end) => [end.conversationId, 'replied once']),
				'the bot answered every answerable customer, those who wrote during the outage too',
			);
			const reconciled = await e2e.pool.query<{ n: number }>(
				`select count(*)::int as n from sb_inbound_events
				 where source = 'reconciler' and conversation_id = any($1::bigint[])`,
				[customers.map((c) => c.conversationId)],
			);
			assert.ok(reconciled.rows[0]!.n > 0, 'the reconciler brought in what the gateway missed');
		} finally {
			keepPending(false);
		}
	});

	it('should hand off, once and with a note saying why, a customer left waiting past GATEWAY_UNANSWERED_HANDOFF_MS', async () => {
		await stackHealthy(e2e);
		// n8n out of the gateway's reach: its forwards fail, far from the dead-letter limit.
		await e2e.stopGateway();
		await e2e.startGateway({
			N8N_INBOUND_WEBHOOK_URL: 'http://127.0.0.1:9/webhook/switchboard/inbound',
			GATEWAY_UNANSWERED_HANDOFF_MS: '4000',
		});
		let customer: Customer;
		try {
			customer = await customerAsks(e2e.chatwoot, ASKS.answerable);
			await eventually(
				'the safety net to hand the customer off',
				async () => {
					const view = await conversationView(agentView(e2e.chatwoot), customer.conversationId);
					return view.status === 'open' && view.notes.length > 0 ? view : undefined;
				},
				90_000,
			);
		} finally {
			await e2e.stopGateway();
			await e2e.startGateway();
		}
		// Back to normal, the forward reaches workflow 01, which finds the messages handled.
		const [end] = await awaitEnds(e2e, [customer], 120_000);
		assert.equal(end?.outcome, 'handed off');
		assert.equal(end?.teamId, CHATWOOT_SIM_TEAMS.sales.id);
		assert.equal(end?.botMessages, 0);
		const view = await conversationView(agentView(e2e.chatwoot), customer.conversationId);
		assert.equal(view.notes.length, 1);
		assert.match(
			view.notes[0] ?? '',
			/^The customer has waited \d+ minutes? with neither an answer nor a hand-off/,
		);
		assert.deepEqual(await claimResults(e2e.pool, customer.conversationId), [
			{ state: 'done', result: 'unanswered_handoff' },
		]);
		assert.deepEqual(await decisionsFor(e2e.pool, customer.conversationId), [], 'never triaged');
	});
});
