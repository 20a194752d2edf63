import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { signChatwootWebhook } from '../../chatwoot/signature.ts';
import {
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
} from '../../../../simulators/src/chatwoot/constants.ts';
import { useGatewayFixture, waitFor } from '../test-support.ts';

const example = readFileSync(
	new URL(
		'../../../../simulators/src/chatwoot/examples/message_created.incoming_whatsapp.json',
		import.meta.url,
	),
	'utf8',
);

function signedHeaders(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
	return {
		'content-type': 'application/json',
		'x-chatwoot-timestamp': String(timestamp),
		'x-chatwoot-signature': signChatwootWebhook(secret, timestamp, body),
		'x-chatwoot-delivery': crypto.randomUUID(),
	};
}

describe('webhooks', () => {
	const fx = useGatewayFixture();

	describe('POST /webhooks/chatwoot, refusals', () => {
		it('should answer 401 with the reason and write nothing when the signature is forged', async () => {
			const gw = await fx.start();
			const forged = await fetch(gw.webhookUrl, {
				method: 'POST',
				headers: signedHeaders(example, 'not-the-bot-secret'),
				body: example,
			});
			assert.equal(forged.status, 401);
			assert.deepEqual(await forged.json(), {
				success: false,
				message: 'signature rejected',
				data: { reason: 'bad_signature' },
			});
			const unsigned = await fetch(gw.webhookUrl, { method: 'POST', body: example });
			assert.equal(unsigned.status, 401);
			assert.equal(
				((await unsigned.json()) as { data: { reason: string } }).data.reason,
				'missing',
			);
			assert.deepEqual(await fx.ledger(), []);
			assert.equal(gw.gateway.metrics.rejected.get({ reason: 'bad_signature' }), 1);
		});

		it('should answer 401 stale to a genuine Chatwoot delivery signed over 5 minutes ago', async () => {
			const tenMinutesAhead = () => new Date(Date.now() + 10 * 60_000);
			const gw = await fx.start({ clock: tenMinutesAhead });
			await fx.pointBotAt(gw);
			await fx.customerWrites('+5215512345678', 'Hola');
			const attempts = fx.sim.sim.webhooks.log.filter((d) => d.kind === 'agent_bot_webhook');
			assert.ok(attempts.length > 0);
			assert.ok(attempts.every((d) => d.status === 401));
			assert.deepEqual(await fx.ledger(), []);
			assert.ok(gw.gateway.metrics.rejected.get({ reason: 'stale' }) >= 1);
		});

		it('should answer 400 invalid_json to a correctly signed body that is not JSON', async () => {
			const gw = await fx.start();
			const body = '{"event": "message_created", ';
			const res = await fetch(gw.webhookUrl, {
				method: 'POST',
				headers: signedHeaders(body, CHATWOOT_SIM_BOT_SECRET),
				body,
			});
			assert.equal(res.status, 400);
			assert.equal(
				((await res.json()) as { data: { reason: string } }).data.reason,
				'invalid_json',
			);
			assert.deepEqual(await fx.ledger(), []);
		});

		it('should answer 400 invalid_payload to a message event missing its fields', async () => {
			const gw = await fx.start();
			const body = JSON.stringify({ event: 'message_created', id: 1 });
			const res = await fetch(gw.webhookUrl, {
				method: 'POST',
				headers: signedHeaders(body, CHATWOOT_SIM_BOT_SECRET),
				body,
			});
			assert.equal(res.status, 400);
			const answer = (await res.json()) as { data: { reason: string; issues: string[] } };
			assert.equal(answer.data.reason, 'invalid_payload');
			assert.ok(answer.data.issues.includes('conversation'));
			assert.deepEqual(await fx.ledger(), []);
		});

		it('should answer 413 to a body over the configured limit', async () => {
			const gw = await fx.start({ env: { GATEWAY_BODY_LIMIT_BYTES: '1024' } });
			const res = await fetch(gw.webhookUrl, {
				method: 'POST',
				headers: signedHeaders(example, CHATWOOT_SIM_BOT_SECRET),
				body: example,
			});
			assert.equal(res.status, 413);
			assert.equal(((await res.json()) as { data: { reason: string } }).data.reason, 'too_large');
			assert.deepEqual(await fx.ledger(), []);
			assert.equal(gw.gateway.metrics.rejected.get({ reason: 'too_large' }), 1);
		});
	});

	describe('POST /webhooks/chatwoot, what the bot must not answer', () => {
		it('should drop notes, outgoing, agent and bot messages and a handed-off conversation', async () => {
			const gw = await fx.start();
			await fx.pointBotAt(gw);
			const first = await fx.customerWrites('+5215512345678', 'Hola, mi pedido');
			const conversation = first.conversationId;
			await waitFor('the first message forwarded', () => fx.n8n.forwards.length === 1);

			await fx.sim.admin.messages.createPrivateNote(conversation, 'VIP customer');
			await fx.sim.admin.messages.create(conversation, { content: 'An agent writes' });
			await fx.sim.clientWith(CHATWOOT_SIM_BOT_TOKEN).messages.create(conversation, {
				content: 'The bot replies',
			});
			await fx.sim.admin.conversations.toggleStatus(conversation, { status: 'open' });
			const late = await fx.customerWrites('+5215512345678', 'Still there?');
			await fx.sim.sim.webhooks.idle();

			const { metrics } = gw.gateway;
			assert.equal(metrics.dropped.get({ reason: 'private_note' }), 1);
			assert.equal(metrics.dropped.get({ reason: 'agent_sender' }), 1);
			assert.equal(metrics.dropped.get({ reason: 'bot_sender' }), 1);
			assert.equal(metrics.dropped.get({ reason: 'conversation_not_pending' }), 1);
			assert.ok(metrics.dropped.get({ reason: 'not_message_event' }) >= 1);
			const ledger = await fx.ledger();
			assert.deepEqual(
				ledger.map((row) => [row.status, row.dropReason, row.chatwootMessageId]),
				[
					['done', null, first.messageId],
					['dropped', 'conversation_not_pending', null],
				],
			);
			assert.equal(ledger[1]?.payload.id, late.messageId);
			assert.equal(ledger[1]?.payload.content, undefined, 'a dropped row keeps no text');
			assert.deepEqual(fx.n8n.messageIds(), [first.messageId]);
		});
	});

	describe('POST /webhooks/chatwoot, duplicates', () => {
		it('should forward once when Chatwoot retries a delivery with the same delivery id', async () => {
			const gw = await fx.start();
			// Passes each delivery on, then answers 500 the first time: Chatwoot retries the bot.
			const seen = new Set<string>();
			const relay = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', async () => {
					const headers = Object.fromEntries(
						[
							'content-type',
							'x-chatwoot-signature',
							'x-chatwoot-timestamp',
							'x-chatwoot-delivery',
						].map((name) => [name, String(req.headers[name])]),
					);
					const answer = await fetch(gw.webhookUrl, {
						method: 'POST',
						headers,
						body: Buffer.concat(chunks),
					});
					const delivery = headers['x-chatwoot-delivery'] ?? '';
					res.statusCode = seen.has(delivery) ? answer.status : 500;
					seen.add(delivery);
					res.end();
				});
			});
			await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
			try {
				const port = (relay.address() as AddressInfo).port;
				await fx.sim.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, {
					outgoing_url: `http://127.0.0.1:${port}/`,
				});
				const { messageId } = await fx.customerWrites('+5215512345678', 'Hola');
				const messageDeliveries = fx.sim.sim.webhooks.log.filter(
					(d) => d.kind === 'agent_bot_webhook' && d.event === 'message_created',
				);
				assert.equal(messageDeliveries.length, 2);
				assert.equal(messageDeliveries[0]?.deliveryId, messageDeliveries[1]?.deliveryId);

				await waitFor('the forward', () => fx.n8n.forwards.length > 0);
				await waitFor('the ledger row done', async () => (await fx.ledger())[0]?.status === 'done');
				assert.equal((await fx.ledger()).length, 1);
				assert.deepEqual(fx.n8n.messageIds(), [messageId]);
				assert.equal(gw.gateway.metrics.deduplicated.get(), 1);
			} finally {
				relay.closeAllConnections();
				await new Promise((resolve) => relay.close(resolve));
			}
		});

		it('should forward once when the account webhook and the bot both deliver a message', async () => {
			const webhook = await fx.sim.admin.webhooks.create({ url: 'http://127.0.0.1:9/placeholder' });
			assert.ok(webhook.secret);
			const gw = await fx.start({ env: { CHATWOOT_ACCOUNT_WEBHOOK_SECRET: webhook.secret } });
			await fx.sim.admin.webhooks.update(webhook.id, { url: gw.webhookUrl });
			await fx.pointBotAt(gw);
			const { messageId } = await fx.customerWrites('+5215512345678', 'Hola');

			await waitFor('the ledger row done', async () => (await fx.ledger())[0]?.status === 'done');
			const ledger = await fx.ledger();
			assert.equal(ledger.length, 1);
			assert.equal(gw.gateway.metrics.deduplicated.get(), 1);
			assert.equal(gw.gateway.metrics.queued.get({ source: ledger[0]?.source ?? '' }), 1);
			assert.deepEqual(fx.n8n.messageIds(), [messageId]);
		});
	});

	describe('logging', () => {
		it('should never write the message text to the log', async () => {
			const gw = await fx.start();
			await fx.pointBotAt(gw);
			await fx.customerWrites('+5215512345678', 'my card number is 4111-1111');
			await waitFor('the forward', () => fx.n8n.forwards.length === 1);
			const text = JSON.stringify(gw.logs);
			assert.ok(gw.logs.some((line) => line.outcome === 'queued'));
			assert.ok(!text.includes('4111-1111'));
			assert.ok(!text.includes(CHATWOOT_SIM_BOT_SECRET));
		});
	});
});
