import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BroadcastRecords, DirectusRow } from '../../audience/records.ts';
import { ContentUnreachableError } from '../../content/errors.ts';
import { useGatewayFixture, waitFor } from '../test-support.ts';

/** Directus at workflow 01's seam, holding marketing's words; counts reads, fails while down. */
function keywordStore(down = false) {
	const state = { reads: 0, down };
	const records: BroadcastRecords = {
		read: async (collection) => {
			state.reads += 1;
			if (state.down) {
				throw new ContentUnreachableError(
					Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
					{ baseUrl: 'http://directus', method: 'GET', path: `/items/${collection}` },
				);
			}
			const rows: DirectusRow[] = [
				{ language: 'en', stop_words: ['STOP'], start_words: ['START'] },
				{ language: 'es', stop_words: ['BAJA'], start_words: ['ALTA'] },
			];
			return collection === 'opt_out_keywords' ? rows : [];
		},
		update: async () => {},
		create: async () => {},
	};
	return { records, state };
}

describe('webhooks: opt-out words in a conversation a person has', () => {
	const fx = useGatewayFixture();

	/** The customer's first message is forwarded, then an agent takes the conversation. */
	async function handedOff() {
		const first = await fx.customerWrites('+5215512345678', 'Hola, mi pedido');
		await waitFor('the first message forwarded', () => fx.n8n.forwards.length === 1);
		await fx.sim.admin.conversations.toggleStatus(first.conversationId, { status: 'open' });
		return first.conversationId;
	}

	it('should forward the word alone, marked opt-out only, and still drop everything else', async () => {
		const { records, state } = keywordStore();
		const gw = await fx.start({ broadcastRecords: records });
		await fx.pointBotAt(gw);
		const conversation = await handedOff();

		await fx.customerWrites('+5215512345678', 'Gracias, espero al agente');
		const baja = await fx.customerWrites('+5215512345678', '¡Baja!');
		await waitFor('the opt-out word forwarded', () => fx.n8n.forwards.length === 2);

		const batch = fx.n8n.forwards[1]?.batch;
		assert.equal(batch?.conversationId, conversation);
		assert.deepEqual(
			batch?.messages.map((m) => [m.messageId, m.content]),
			[[baja.messageId, '¡Baja!']],
		);
		assert.equal(batch?.latest.optOutOnly, true, 'workflow 01 must neither triage nor reply');
		await waitFor('the word done', async () => (await fx.ledger())[2]?.status === 'done');
		const ledger = await fx.ledger();
		assert.deepEqual(
			ledger.map((row) => [row.status, row.dropReason]),
			[
				['done', null],
				['dropped', 'conversation_not_pending'],
				['done', null],
			],
		);
		assert.equal(ledger[1]?.payload.content, undefined, 'the agent-only message keeps no text');
		assert.equal(state.reads, 1, 'the words are read once a minute, not per message');
	});

	it('should forward an opt-in word too, and leave a pending conversation as it was', async () => {
		const { records } = keywordStore();
		const gw = await fx.start({ broadcastRecords: records });
		await fx.pointBotAt(gw);
		const stop = await fx.customerWrites('+5215500000001', 'STOP');
		await waitFor('the pending STOP forwarded', () => fx.n8n.forwards.length === 1);
		assert.equal(fx.n8n.forwards[0]?.batch.latest.optOutOnly, undefined);

		await fx.sim.admin.conversations.toggleStatus(stop.conversationId, { status: 'open' });
		const start = await fx.customerWrites('+5215500000001', 'start');
		await waitFor('the opt-in word forwarded', () => fx.n8n.forwards.length === 2);
		assert.deepEqual(fx.n8n.messageIds(), [stop.messageId, start.messageId]);
		assert.equal(fx.n8n.forwards[1]?.batch.latest.optOutOnly, true);
	});

	it('should drop the word as before, saying why in the log, while the words cannot be read', async () => {
		const { records, state } = keywordStore(true);
		const gw = await fx.start({ broadcastRecords: records });
		await fx.pointBotAt(gw);
		await handedOff();

		await fx.customerWrites('+5215512345678', 'STOP');
		await fx.sim.sim.webhooks.idle();
		assert.ok(state.reads >= 1);
		assert.equal(gw.gateway.metrics.dropped.get({ reason: 'conversation_not_pending' }), 1);
		assert.equal(fx.n8n.forwards.length, 1);
		assert.ok(gw.logs.some((line) => /could not read the opt-out words/.test(line.message)));
		assert.ok(
			gw.logs.every((line) => !JSON.stringify(line).includes('"STOP"')),
			'no message text in the log',
		);
	});

	it("should leave the agent a note, and their team and labels, when the word's batch dead-letters", async () => {
		const { records } = keywordStore();
		const gw = await fx.start({
			broadcastRecords: records,
			env: { GATEWAY_FORWARD_MAX_ATTEMPTS: '2' },
		});
		await fx.pointBotAt(gw);
		const conversation = await handedOff();
		await fx.sim.admin.conversations.assignTeam(conversation, 2);
		fx.n8n.respond = () => 500;

		await fx.customerWrites('+5215512345678', 'STOP');
		await waitFor('the hand-off', () => gw.gateway.metrics.deadLetterHandoffs.get() === 1);
		const after = await fx.sim.admin.conversations.get(conversation);
		assert.equal(after.meta.team?.id, 2, 'still the agent’s team');
		assert.deepEqual(after.labels, []);
		const notes = (await fx.sim.admin.messages.list(conversation)).payload.filter((m) => m.private);
		assert.equal(notes.length, 1);
		assert.match(notes[0]?.content ?? '', /^The customer wrote an opt-out or opt-in word/);
	});

	it('should drop a handed-off message unread when no words are configured (no Directus)', async () => {
		const gw = await fx.start();
		await fx.pointBotAt(gw);
		await handedOff();
		await fx.customerWrites('+5215512345678', 'STOP');
		await fx.sim.sim.webhooks.idle();
		assert.equal(gw.gateway.metrics.dropped.get({ reason: 'conversation_not_pending' }), 1);
		assert.equal(fx.n8n.forwards.length, 1);
	});
});
