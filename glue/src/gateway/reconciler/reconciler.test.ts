import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
} from '../../../../simulators/src/chatwoot/constants.ts';
import type { BroadcastRecords, DirectusRow } from '../../audience/records.ts';
import { ContentUnreachableError } from '../../content/errors.ts';
import { claimTriage } from '../../log-store/inbound-claims.ts';
import { readReconcilerMark } from '../../log-store/reconciler-marks.ts';
import { forwardBatchSchema } from '../../pipeline/inbound-batch.ts';
import { department } from '../../routing/test-fixtures.ts';
import { useGatewayFixture, waitFor, type TestGateway } from '../test-support.ts';

describe('reconciler', () => {
	const fx = useGatewayFixture();

	const addFault = async (fault: Record<string, unknown>) => {
		const res = await fetch(`${fx.sim.server.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(fault),
		});
		assert.equal(res.status, 201);
	};

	it('should queue and forward a customer message whose webhook never came', async () => {
		const gw = await fx.start();
		// The bot has no outgoing URL: Chatwoot sends nothing, the conversation stays pending.
		const { messageId, conversationId } = await fx.customerWrites('+5215512345678', 'Hola?');
		assert.deepEqual(await fx.ledger(), []);

		const reconciler = gw.gateway.reconciler;
		assert.ok(reconciler);
		assert.deepEqual(await reconciler.runOnce(), { conversations: 1, queued: 1, recorded: 0 });
		await waitFor('the forward', () => fx.n8n.forwards.length === 1);
		const batch = forwardBatchSchema.parse(fx.n8n.forwards[0]?.batch);
		assert.equal(batch.conversationId, conversationId);
		assert.deepEqual(
			batch.messages.map((m) => [m.messageId, m.source, m.content]),
			[[messageId, 'reconciler', 'Hola?']],
		);
		assert.equal(batch.latest.reconciled, true);
		assert.equal(gw.gateway.metrics.reconciled.get(), 1);

		assert.deepEqual(await reconciler.runOnce(), { conversations: 1, queued: 0, recorded: 0 });
		assert.ok(await readReconcilerMark(gw.pool, 'chatwoot:1'));
		assert.equal((await fx.ledger()).length, 1);
	});

	it('should leave alone what the webhook delivered, and record what a person took over', async () => {
		const gw = await fx.start();
		await fx.pointBotAt(gw);
		await fx.customerWrites('+5215500000001', 'Hola');
		await waitFor('the forward', () => fx.n8n.forwards.length === 1);
		// The bot hears nothing of this one, and a person resolves it before anyone notices.
		await fx.sim.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, { outgoing_url: '' });
		const resolved = await fx.customerWrites('+5215500000002', 'Hola');
		await fx.sim.admin.conversations.toggleStatus(resolved.conversationId, { status: 'resolved' });

		const reconciler = gw.gateway.reconciler;
		assert.deepEqual(await reconciler?.runOnce(), { conversations: 2, queued: 0, recorded: 1 });
		const ledger = await fx.ledger();
		assert.deepEqual(
			ledger.map((row) => [row.status, row.dropReason]),
			[
				['done', null],
				['dropped', 'conversation_not_pending'],
			],
		);
		assert.equal(ledger[1]?.payload.content, null, 'a dropped row keeps no text');
		assert.equal(fx.n8n.forwards.length, 1);
		assert.deepEqual(await reconciler?.runOnce(), { conversations: 2, queued: 0, recorded: 0 });
	});

	describe('when a bot delivery failed and Chatwoot opened the conversation', () => {
		const failedDelivery = async () => {
			await fx.sim.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, {
				outgoing_url: 'http://127.0.0.1:9/nowhere',
			});
			const written = await fx.customerWrites('+5215512345678', 'Mi internet no funciona');
			const conversation = await fx.sim.admin.conversations.get(written.conversationId);
			assert.equal(conversation.status, 'open', "Chatwoot's bot-failure path opened it");
			return written;
		};

		it('should queue the message for routing, marked so the bot does not reply', async () => {
			const gw = await fx.start();
			const { messageId, conversationId } = await failedDelivery();
			assert.deepEqual(await fx.ledger(), []);

			assert.deepEqual(await gw.gateway.reconciler?.runOnce(), {
				conversations: 1,
				queued: 1,
				recorded: 0,
			});
			await waitFor('the forward', () => fx.n8n.forwards.length === 1);
			const batch = forwardBatchSchema.parse(fx.n8n.forwards[0]?.batch);
			assert.equal(batch.conversationId, conversationId);
			assert.deepEqual(
				batch.messages.map((m) => [m.messageId, m.content]),
				[[messageId, 'Mi internet no funciona']],
			);
			assert.equal(batch.latest.reconciled, true);
			assert.equal(batch.latest.openedByBotFailure, true);
		});

		it('should only record the message when a person has already answered it', async () => {
			const gw = await fx.start();
			const { conversationId } = await failedDelivery();
			await fx.sim.admin.messages.create(conversationId, { content: 'Hola, lo reviso ahora' });

			assert.deepEqual(await gw.gateway.reconciler?.runOnce(), {
				conversations: 1,
				queued: 0,
				recorded: 1,
			});
			assert.deepEqual(
				(await fx.ledger()).map((row) => [row.source, row.status, row.dropReason]),
				[['reconciler', 'dropped', 'answered_by_person']],
			);
			await new Promise((resolve) => setTimeout(resolve, 200));
			assert.equal(fx.n8n.forwards.length, 0);
		});
	});

	describe('when a customer waits too long with neither a reply nor a hand-off', () => {
		// Sales answers on the simulator's inbox 1, with its team 1.
		const departments = async () => [department({ chatwootInboxIds: [1], chatwootTeamId: 1 })];
		/** A gateway whose forwarder never runs: the message waits in the ledger. */
		const waiting = async (afterMs: string) => {
			const gw = await fx.start({
				loops: false,
				env: { GATEWAY_UNANSWERED_HANDOFF_MS: afterMs },
				departments,
			});
			await fx.pointBotAt(gw);
			const written = await fx.customerWrites('+5215512345678', 'Hola, ¿hay alguien?');
			assert.equal((await fx.ledger())[0]?.status, 'pending');
			return { gw, ...written };
		};
		const notes = async (conversationId: number) =>
			(await fx.sim.admin.messages.list(conversationId)).payload.filter((m) => m.private);
		const claimResult = async (gw: TestGateway) =>
			(await gw.pool.query('select state, result from sb_inbound_claims')).rows;

		it('should hand the conversation to its team once, with a note saying why', async () => {
			const { gw, conversationId } = await waiting('300');
			const reconciler = gw.gateway.reconciler;
			assert.ok(reconciler);
			await new Promise((resolve) => setTimeout(resolve, 400));
			assert.deepEqual(await reconciler.handOffUnanswered(), [conversationId]);
			const conversation = await fx.sim.admin.conversations.get(conversationId);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.meta.team?.id, 1);
			assert.deepEqual([...conversation.labels].sort(), ['ai-handoff', 'dept-sales']);
			const [note, ...more] = await notes(conversationId);
			assert.deepEqual(more, []);
			assert.match(
				note?.content ?? '',
				/^The customer has waited 1 minute with neither an answer nor a hand-off \(the limit is 1 minute\)/,
			);
			assert.match(note?.content ?? '', /Why: the automation had not taken the messages yet\./);
			assert.deepEqual(await claimResult(gw), [{ state: 'done', result: 'unanswered_handoff' }]);
			assert.deepEqual(await reconciler.handOffUnanswered(), [], 'once');
			assert.equal((await notes(conversationId)).length, 1);
			const messages = (await fx.sim.admin.messages.list(conversationId)).payload;
			assert.equal(messages.filter((m) => m.message_type === 1 && !m.private).length, 0);
		});

		it('should wait for the limit, and leave alone what a person answered or took', async () => {
			const { gw, conversationId } = await waiting('60000');
			const reconciler = gw.gateway.reconciler;
			assert.deepEqual(await reconciler?.handOffUnanswered(), [], 'not yet');
			await gw.stop();

			const soon = await fx.start({
				loops: false,
				env: { GATEWAY_UNANSWERED_HANDOFF_MS: '1' },
				departments,
			});
			await fx.sim.admin.messages.create(conversationId, { content: 'Hola, te ayudo' });
			const taken = await fx.customerWrites('+5215500000009', 'Hola');
			await fx.sim.admin.conversations.assignAgent(
				taken.conversationId,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
			await new Promise((resolve) => setTimeout(resolve, 50));
			assert.deepEqual(await soon.gateway.reconciler?.handOffUnanswered(), []);
			assert.deepEqual(await notes(conversationId), []);
			assert.deepEqual(await notes(taken.conversationId), []);
		});

		it('should leave a conversation whose triage is running to that run', async () => {
			const { gw, conversationId } = await waiting('1');
			const [row] = await fx.ledger();
			const run = await claimTriage(gw.pool, { ledgerIds: [row!.id] });
			assert.equal(run.status, 'claimed');
			await new Promise((resolve) => setTimeout(resolve, 50));
			assert.deepEqual(await gw.gateway.reconciler?.handOffUnanswered(), []);
			assert.deepEqual(await notes(conversationId), []);
		});
	});

	describe('when a missed message is an opt-out word in a conversation a person has', () => {
		/** Marketing's words in Directus, at workflow 01's seam; `down` makes every read fail. */
		const keywordStore = (state = { down: false }) => {
			const rows: DirectusRow[] = [
				{ language: 'en', stop_words: ['STOP'], start_words: ['START'] },
				{ language: 'es', stop_words: ['BAJA'], start_words: ['ALTA'] },
			];
			const records: BroadcastRecords = {
				read: async (collection) => {
					if (state.down) {
						throw new ContentUnreachableError(
							Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
							{ baseUrl: 'http://directus', method: 'GET', path: `/items/${collection}` },
						);
					}
					return collection === 'opt_out_keywords' ? rows : [];
				},
				update: async () => {},
				create: async () => {},
			};
			return { records, state };
		};

		/** The bot hears nothing (no outgoing URL); an agent takes the conversation, then the customer writes. */
		const missedInTakenConversation = async (gwRecords: BroadcastRecords) => {
			const gw = await fx.start({ broadcastRecords: gwRecords });
			const first = await fx.customerWrites('+5215512345678', 'Hola, mi pedido');
			await fx.sim.admin.conversations.toggleStatus(first.conversationId, { status: 'open' });
			await fx.sim.admin.conversations.assignAgent(
				first.conversationId,
				CHATWOOT_SIM_AGENTS.sales.id,
			);
			const other = await fx.customerWrites('+5215512345678', 'Gracias, espero');
			const stop = await fx.customerWrites('+5215512345678', '¡Baja!');
			assert.equal(stop.conversationId, first.conversationId);
			return { gw, first, other, stop };
		};

		it('should queue the word alone for the opt-out step, marked opt-out only, and drop the rest', async () => {
			const { records } = keywordStore();
			const { gw, first, other, stop } = await missedInTakenConversation(records);

			assert.deepEqual(await gw.gateway.reconciler?.runOnce(), {
				conversations: 1,
				queued: 1,
				recorded: 2,
			});
			await waitFor('the opt-out word forwarded', () => fx.n8n.forwards.length === 1);
			const batch = forwardBatchSchema.parse(fx.n8n.forwards[0]?.batch);
			assert.equal(batch.conversationId, first.conversationId);
			assert.deepEqual(
				batch.messages.map((m) => [m.messageId, m.source, m.content]),
				[[stop.messageId, 'reconciler', '¡Baja!']],
			);
			assert.equal(batch.latest.optOutOnly, true, 'workflow 01 must neither triage nor reply');
			assert.equal(batch.latest.reconciled, true);
			const dropped = (await fx.ledger()).filter((row) => row.status === 'dropped');
			assert.deepEqual(dropped.map((row) => row.dropReason).sort(), [
				'conversation_not_pending',
				'conversation_not_pending',
			]);
			assert.ok(!dropped.some((row) => row.payload.content), 'dropped rows keep no text');
			assert.ok(other.messageId < stop.messageId);
			assert.deepEqual(await gw.gateway.reconciler?.runOnce(), {
				conversations: 1,
				queued: 0,
				recorded: 0,
			});
		});

		it('should queue an opt-in word an agent already answered, too', async () => {
			const { records } = keywordStore();
			const gw = await fx.start({ broadcastRecords: records });
			const start = await fx.customerWrites('+5215500000001', 'START');
			await fx.sim.admin.messages.create(start.conversationId, { content: 'Welcome back!' });

			assert.deepEqual(await gw.gateway.reconciler?.runOnce(), {
				conversations: 1,
				queued: 1,
				recorded: 0,
			});
			await waitFor('the opt-in word forwarded', () => fx.n8n.forwards.length === 1);
			const batch = forwardBatchSchema.parse(fx.n8n.forwards[0]?.batch);
			assert.deepEqual(
				batch.messages.map((m) => m.content),
				['START'],
			);
			assert.equal(batch.latest.optOutOnly, true);
		});

		it('should decide nothing and keep its mark while the words cannot be read', async () => {
			const { records, state } = keywordStore({ down: true });
			const { gw, stop } = await missedInTakenConversation(records);
			const reconciler = gw.gateway.reconciler;
			assert.ok(reconciler);

			assert.deepEqual(await reconciler.runOnce(), { conversations: 1, queued: 0, recorded: 0 });
			assert.equal(await readReconcilerMark(gw.pool, 'chatwoot:1'), null, 'looked at again');
			assert.deepEqual(await fx.ledger(), []);

			state.down = false;
			assert.deepEqual(await reconciler.runOnce(), { conversations: 1, queued: 1, recorded: 2 });
			await waitFor('the opt-out word forwarded', () => fx.n8n.forwards.length === 1);
			assert.deepEqual(fx.n8n.messageIds(), [stop.messageId]);
			assert.ok(await readReconcilerMark(gw.pool, 'chatwoot:1'));
		});
	});

	it('should keep its mark while Chatwoot fails, and catch up on its schedule once it answers', async () => {
		await addFault({ method: 'GET', path: '/api/v1/accounts/1/conversations', status: 503 });
		const gw = await fx.start({ env: { GATEWAY_RECONCILE_INTERVAL_MS: '100' } });
		const { messageId } = await fx.customerWrites('+5215512345678', 'Hola?');
		const { metrics } = gw.gateway;
		await waitFor('a failed run', () => metrics.reconcilerRuns.get({ outcome: 'failed' }) > 0);
		assert.equal(await readReconcilerMark(gw.pool, 'chatwoot:1'), null);
		assert.ok(gw.logs.some((line) => line.message.startsWith('gateway: reconciler run failed')));

		await fetch(`${fx.sim.server.url}/__sim/faults`, { method: 'DELETE' });
		await waitFor('the forward', () => fx.n8n.forwards.length === 1);
		assert.deepEqual(fx.n8n.messageIds(), [messageId]);
		assert.ok(metrics.reconcilerRuns.get({ outcome: 'ok' }) > 0);
	});
});
