import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CHATWOOT_SIM_BOT_SECRET } from '../../../../simulators/src/chatwoot/constants.ts';
import { signChatwootWebhook } from '../../../../simulators/src/chatwoot/signature.ts';
import { useGatewayFixture, waitFor, type TestGateway } from '../test-support.ts';

const example = readFileSync(
	new URL(
		'../../../../simulators/src/chatwoot/examples/message_created.incoming_whatsapp.json',
		import.meta.url,
	),
	'utf8',
);

type Body = Record<string, unknown> & { conversation: Record<string, unknown> };

/** The reference customer message, in a conversation the bot owns. */
function created(id: number, content: string): Body {
	const body = JSON.parse(example) as Body;
	body.conversation.status = 'pending';
	return { ...body, id, content };
}

/** What Chatwoot sends when the customer edits the message. */
function edited(id: number, content: string): Body {
	return { ...created(id, content), event: 'message_updated' };
}

/** What Chatwoot sends when the customer deletes it (reference/chatwoot.md §2.2). */
function deleted(id: number): Body {
	return {
		...edited(id, 'This message was deleted'),
		content_attributes: { deleted: true },
	};
}

async function deliver(gw: TestGateway, body: Body) {
	const raw = JSON.stringify(body);
	const timestamp = Math.floor(Date.now() / 1000);
	const res = await fetch(gw.webhookUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-chatwoot-timestamp': String(timestamp),
			'x-chatwoot-signature': signChatwootWebhook(CHATWOOT_SIM_BOT_SECRET, timestamp, raw),
			'x-chatwoot-delivery': crypto.randomUUID(),
		},
		body: raw,
	});
	assert.equal(res.status, 200);
	return ((await res.json()) as { data: { outcome: string; reason?: string } }).data;
}

describe('webhooks: edits and deletions (message_updated)', () => {
	const fx = useGatewayFixture();

	/** Held: a gateway whose forwarder does not run, so every message waits in its batch. */
	const held = () => fx.start({ loops: false });
	/** Then a gateway that forwards; resolves with what n8n received. */
	const forwardAll = async () => {
		await fx.start();
		return waitFor('the forward', () => fx.n8n.forwards[0]);
	};

	describe('while the message waits in its batch', () => {
		it('should forward the edited text, once, instead of the original', async () => {
			const gw = await held();
			assert.equal((await deliver(gw, created(501, 'I want the 100 Mb plan'))).outcome, 'queued');

			const answer = await deliver(gw, edited(501, 'I want the 300 Mb plan'));
			await gw.stop();
			const forward = await forwardAll();

			assert.equal(answer.outcome, 'revised');
			assert.deepEqual(
				forward.batch.messages.map((m) => [m.messageId, m.content]),
				[[501, 'I want the 300 Mb plan']],
			);
			assert.equal((await fx.ledger()).length, 1, 'the edit changed the row, added none');
		});

		it('should not triage a deleted message, and still forward the rest of the batch', async () => {
			const gw = await held();
			await deliver(gw, created(601, 'my card number is 4111 1111 1111 1111'));
			await deliver(gw, created(602, 'my internet is down'));

			const answer = await deliver(gw, deleted(601));
			await gw.stop();
			const forward = await forwardAll();

			assert.deepEqual(answer, { outcome: 'dropped', reason: 'deleted', ledgerId: 1 });
			assert.deepEqual(
				forward.batch.messages.map((m) => m.messageId),
				[602],
			);
			const [gone] = await fx.ledger();
			assert.equal(gone?.status, 'dropped');
			assert.equal(gone?.dropReason, 'deleted');
			assert.doesNotMatch(JSON.stringify(gone?.payload), /4111/, 'the deleted text is not kept');
		});

		it('should send nothing at all when the only message was deleted', async () => {
			const gw = await held();
			await deliver(gw, created(701, 'oops, wrong chat'));
			await deliver(gw, deleted(701));
			await gw.stop();
			await fx.start();

			// The forwarder polls every 50 ms in these tests: ten chances to send something.
			await new Promise((resolve) => setTimeout(resolve, 500));
			assert.deepEqual(fx.n8n.forwards, []);
			assert.deepEqual(
				(await fx.ledger()).map((row) => row.status),
				['dropped'],
			);
		});

		it('should not triage a message whose deletion arrived before it', async () => {
			const gw = await held();
			// Chatwoot runs each webhook as its own job: the deletion can overtake the message.
			assert.equal((await deliver(gw, deleted(801))).reason, 'deleted');
			assert.equal((await deliver(gw, created(801, 'never mind'))).outcome, 'duplicate');
			await deliver(gw, created(802, 'hello?'));
			await gw.stop();

			const forward = await forwardAll();
			assert.deepEqual(
				forward.batch.messages.map((m) => m.messageId),
				[802],
			);
		});

		it('should queue an edit whose message never came, with the edited text', async () => {
			const gw = await held();
			assert.equal((await deliver(gw, edited(901, 'the edited text'))).outcome, 'queued');
			assert.equal((await deliver(gw, created(901, 'the first text'))).outcome, 'duplicate');
			await gw.stop();

			const forward = await forwardAll();
			assert.deepEqual(
				forward.batch.messages.map((m) => m.content),
				['the edited text'],
			);
		});
	});

	describe('after the message left the queue', () => {
		it('should only record an edit or a deletion, and never reopen the forwarded row', async () => {
			const gw = await fx.start();
			await deliver(gw, created(1001, 'what does the 300 Mb plan cost?'));
			await waitFor('the forward', () => fx.n8n.forwards[0]);
			await waitFor('the row done', async () => (await fx.ledger())[0]?.status === 'done');

			const edit = await deliver(gw, edited(1001, 'what does the 600 Mb plan cost?'));
			const again = await deliver(gw, edited(1001, 'what does the 600 Mb plan cost?'));
			const removal = await deliver(gw, deleted(1001));
			await new Promise((resolve) => setTimeout(resolve, 300));

			assert.equal(edit.outcome, 'dropped');
			assert.equal(edit.reason, 'late_update');
			assert.equal(again.outcome, 'duplicate', 'one row per edit, however often delivered');
			assert.equal(removal.reason, 'late_update');
			const ledger = await fx.ledger();
			assert.deepEqual(
				ledger.map((row) => [row.status, row.dropReason, row.chatwootMessageId]),
				[
					['done', null, 1001],
					['dropped', 'late_update', null],
					['dropped', 'late_update', null],
				],
			);
			assert.equal(ledger[0]?.payload.content, 'what does the 300 Mb plan cost?');
			assert.equal(fx.n8n.forwards.length, 1);
		});
	});

	describe('updates that are not an edit of a customer message', () => {
		it("should drop a delivery receipt of the bot's own reply and write nothing", async () => {
			const gw = await held();
			const receipt: Body = {
				...edited(1101, 'Our plans start at $30'),
				message_type: 'outgoing',
				sender: { id: 1, name: 'Switchboard Triage', type: 'agent_bot' },
			};

			assert.deepEqual(await deliver(gw, receipt), {
				outcome: 'dropped',
				reason: 'not_message_created',
				ledgerId: null,
			});
			assert.deepEqual(await fx.ledger(), []);
		});
	});
});
