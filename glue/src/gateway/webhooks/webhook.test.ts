import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import {
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
} from '../../../../simulators/src/chatwoot/constants.ts';
import { signChatwootWebhook } from '../../../../simulators/src/chatwoot/signature.ts';
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

/** The reference message in a conversation the bot still owns. */
function pendingExample(): Record<string, unknown> & { conversation: Record<string, unknown> } {
	const body = JSON.parse(example) as Record<string, unknown> & {
		conversation: Record<string, unknown>;
	};
	body.conversation.status = 'pending';
	return body;
}

function post(gw: { webhookUrl: string }, body: string, secret = CHATWOOT_SIM_BOT_SECRET) {
	return fetch(gw.webhookUrl, { method: 'POST', headers: signedHeaders(body, secret), body });
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

		it('should answer 400 naming the field to nonsense ids, and write nothing', async () => {
			const gw = await fx.start();
			const body = JSON.stringify({ ...pendingExample(), id: -5, inbox: { id: 2.5 } });
			const res = await post(gw, body);
			assert.equal(res.status, 400);
			const answer = (await res.json()) as { data: { reason: string; issues: string[] } };
			assert.equal(answer.data.reason, 'invalid_payload');
			assert.deepEqual(answer.data.issues, [
				'id: must be a positive integer',
				'inbox.id: must be a positive integer',
			]);
			assert.deepEqual(await fx.ledger(), []);
		});

		it('should answer 400 too_deep, not 500, to JSON nested 100,000 deep', async () => {
			const gw = await fx.start();
			const deep = `{"event":"message_created","content_attributes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
			const res = await post(gw, deep);
			assert.equal(res.status, 400);
			assert.equal(((await res.json()) as { data: { reason: string } }).data.reason, 'too_deep');
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

	describe('POST /webhooks/chatwoot, tolerant intake', () => {
		const outcome = async (res: Response) =>
			((await res.json()) as { data: { outcome: string; reason?: string } }).data;

		it('should queue what Chatwoot sends for Instagram, Captain and odd attribute names', async () => {
			const gw = await fx.start();
			const odd = '{"toString":"x","constructor":"y","__proto__":{"polluted":true}}';
			const instagram = pendingExample();
			delete (instagram.sender as Record<string, unknown>).phone_number;
			const meta = instagram.conversation.meta as Record<string, unknown>;
			delete (meta.sender as Record<string, unknown>).phone_number;
			meta.assignee = { id: 5, name: 'Captain', type: 'captain_assistant', description: '' };
			meta.assignee_type = 'Captain::Assistant';
			instagram.conversation.channel = 'Channel::Instagram';
			const body = JSON.stringify(instagram).replace(
				'"custom_attributes":{}',
				`"custom_attributes":${odd}`,
			);
			assert.ok(body.includes('"toString"'));
			const res = await post(gw, `{"constructor":1,${body.slice(1)}`);
			assert.equal(res.status, 200);
			assert.equal((await outcome(res)).outcome, 'queued');
			await waitFor('the forward', () => fx.n8n.forwards.length === 1);
			const forwarded = JSON.stringify(fx.n8n.forwards[0]?.batch);
			for (const key of ['toString', 'constructor', '__proto__', 'custom_attributes']) {
				assert.ok(!forwarded.includes(`"${key}"`), key);
			}
			assert.equal(fx.n8n.forwards[0]?.batch.messages[0]?.sender?.phoneNumber, null);
			const [row] = await fx.ledger();
			assert.ok(!JSON.stringify(row?.payload).includes('toString'));
		});

		it('should drop a message Captain wrote as an agent', async () => {
			const gw = await fx.start();
			const captain = {
				...pendingExample(),
				message_type: 'outgoing',
				sender: { id: 5, name: 'Captain', type: 'captain_assistant', avatar_url: '' },
			};
			const res = await post(gw, JSON.stringify(captain));
			assert.equal(res.status, 200);
			assert.deepEqual(await outcome(res), {
				outcome: 'dropped',
				reason: 'agent_sender',
				ledgerId: null,
			});
		});

		it('should store text Postgres refuses in jsonb (NUL, lone surrogates) instead of failing', async () => {
			const gw = await fx.start();
			const body = JSON.stringify({ ...pendingExample(), content: 'a\u0000b' }).replace(
				'a\\u0000b',
				'a\\u0000b\\ud800',
			);
			const res = await post(gw, body);
			assert.equal(res.status, 200);
			const [row] = await fx.ledger();
			assert.equal(row?.payload.content, 'a\uFFFDb\uFFFD');
		});

		it('should queue a message without its conversation status, marked for a hand-off', async () => {
			const gw = await fx.start();
			const body = pendingExample();
			delete body.conversation.status;
			const res = await post(gw, JSON.stringify(body));
			assert.equal((await outcome(res)).outcome, 'queued');
			await waitFor('the forward', () => fx.n8n.forwards.length === 1);
			assert.deepEqual(fx.n8n.forwards[0]?.batch.messages[0]?.incomplete, ['conversation.status']);
		});

		it('should record a customer message without a conversation, and answer 200', async () => {
			const gw = await fx.start();
			const body = pendingExample();
			delete (body as Record<string, unknown>).conversation;
			const res = await post(gw, JSON.stringify(body));
			assert.equal(res.status, 200);
			assert.equal((await outcome(res)).reason, 'incomplete');
			const ledger = await fx.ledger();
			assert.deepEqual(
				ledger.map((row) => [row.status, row.dropReason, row.payload.incomplete]),
				[['dropped', 'incomplete', ['conversation.id', 'conversation.status']]],
			);
		});

		it('should drop signed JSON that is not a message event, whatever its shape', async () => {
			const gw = await fx.start();
			for (const body of ['[]', '"x"', '{}', '{"event":""}', '{"event":5}', 'null']) {
				const res = await post(gw, body);
				assert.equal(res.status, 200, body);
				assert.equal((await outcome(res)).reason, 'not_message_event', body);
			}
			assert.deepEqual(await fx.ledger(), []);
		});
	});

	describe('POST /webhooks/chatwoot, sources', () => {
		it('should record an account webhook delivery as account and a bot delivery as agent_bot', async () => {
			const gw = await fx.start({ env: { CHATWOOT_ACCOUNT_WEBHOOK_SECRET: 'account-secret-01' } });
			const first = pendingExample();
			const second = { ...pendingExample(), id: 9877, source_id: 'wamid.second' };
			assert.equal((await post(gw, JSON.stringify(first), 'account-secret-01')).status, 200);
			assert.equal((await post(gw, JSON.stringify(second))).status, 200);
			const ledger = await fx.ledger();
			assert.deepEqual(
				ledger.map((row) => [row.chatwootMessageId, row.source]),
				[
					[9876, 'account'],
					[9877, 'agent_bot'],
				],
			);
		});

		it('should keep one row for a handed-off message both the bot and the account webhook deliver', async () => {
			const webhook = await fx.sim.admin.webhooks.create({ url: 'http://127.0.0.1:9/placeholder' });
			assert.ok(webhook.secret);
			const gw = await fx.start({ env: { CHATWOOT_ACCOUNT_WEBHOOK_SECRET: webhook.secret } });
			await fx.sim.admin.webhooks.update(webhook.id, { url: gw.webhookUrl });
			await fx.pointBotAt(gw);
			const { conversationId } = await fx.customerWrites('+5215512345678', 'Hola');
			await fx.sim.admin.conversations.toggleStatus(conversationId, { status: 'open' });
			const late = await fx.customerWrites('+5215512345678', 'Still there?');
			const dropped = (await fx.ledger()).filter((row) => row.status === 'dropped');
			assert.equal(dropped.length, 1);
			assert.equal(dropped[0]?.payload.id, late.messageId);
			assert.equal(gw.gateway.metrics.dropped.get({ reason: 'conversation_not_pending' }), 1);
		});
	});

	describe('POST /webhooks/chatwoot, slow clients', () => {
		it('should cut off a body that trickles in past the request timeout', async () => {
			const gw = await fx.start({
				env: { GATEWAY_HEADERS_TIMEOUT_MS: '300', GATEWAY_REQUEST_TIMEOUT_MS: '600' },
			});
			const { port } = new URL(gw.url);
			const socket = connect(Number(port), '127.0.0.1');
			const received: Buffer[] = [];
			socket.on('data', (chunk: Buffer) => received.push(chunk));
			const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
			socket.write(
				'POST /webhooks/chatwoot HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
					'Content-Length: 1000\r\n\r\n{',
			);
			// One byte now and then, never the whole body: the server must end it, not us.
			const drip = setInterval(() => socket.write(' '), 100);
			try {
				await closed;
			} finally {
				clearInterval(drip);
			}
			assert.match(Buffer.concat(received).toString('latin1'), /^HTTP\/1\.1 408 /);
			assert.deepEqual(await fx.ledger(), []);
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
