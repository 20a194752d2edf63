import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_BOT_ID, CHATWOOT_SIM_BOT_TOKEN } from './constants.ts';
import {
	header,
	startHarness,
	startReceiver,
	useWebhookFixture,
	type Harness,
	type Receiver,
} from './test-support.ts';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };

describe('chatwoot simulator webhooks', () => {
	const f = useWebhookFixture();

	describe('signing', () => {
		it('should sign as sha256=HMAC(secret, "<timestamp>.<raw body>") when a customer writes', async () => {
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			assert.ok(f.account.received.length >= 3);
			for (const delivery of f.account.received) {
				const timestamp = header(delivery.headers, 'x-chatwoot-timestamp') ?? '';
				const expected = createHmac('sha256', f.webhook.secret ?? '')
					.update(`${timestamp}.`)
					.update(delivery.rawBody)
					.digest('hex');
				assert.equal(header(delivery.headers, 'x-chatwoot-signature'), `sha256=${expected}`);
				assert.deepEqual(delivery.verification, { ok: true, timestamp: Number(timestamp) });
				assert.equal(delivery.headers['content-type'], 'application/json');
			}
			const ids = f.account.received.map((d) => header(d.headers, 'x-chatwoot-delivery'));
			assert.ok(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? '')));
			assert.equal(new Set(ids).size, ids.length);
		});

		it('should escape <, > and & as Rails does, and sign those exact bytes', async () => {
			await f.h.incoming({ ...maria, content: '<b>Tom & Jerry</b>' });
			await f.settle();
			const [message] = f.account.ofEvent('message_created');
			assert.ok(message);
			assert.match(
				message.rawBody.toString('utf8'),
				/\\u003cb\\u003eTom \\u0026 Jerry\\u003c\/b\\u003e/,
			);
			assert.equal(message.json.content, '<b>Tom & Jerry</b>');
			assert.equal(message.verification.ok, true);
		});

		it('should sign bot deliveries with the bot secret, not the webhook secret', async () => {
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			assert.equal(f.bot.received.length, 1);
			assert.equal(f.bot.received[0]?.verification.ok, true);
		});
	});

	describe('events', () => {
		it('should emit contact_created, conversation_created, message_created in order for a new customer', async () => {
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			assert.deepEqual(f.account.events(), [
				'contact_created',
				'conversation_created',
				'message_created',
			]);
		});

		it('should emit only message_created when a known customer writes again', async () => {
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.h.incoming({ ...maria, content: '¿Siguen ahí?' });
			await f.settle();
			assert.deepEqual(f.account.events().slice(3), ['message_created']);
		});

		it('should deliver only the events a webhook subscribes to, for every inbox', async () => {
			await f.h.admin.webhooks.update(f.webhook.id, { subscriptions: ['message_created'] });
			await f.h.incoming({ ...maria, content: 'Ventas' });
			await f.h.incoming({ ...maria, inbox_id: 3, content: 'Facturación' });
			await f.settle();
			assert.deepEqual(f.account.events(), ['message_created', 'message_created']);
			const inboxes = f.account.received.map((d) => (d.json.inbox as { id: number }).id);
			assert.deepEqual(inboxes, [1, 3]);
		});

		it('should echo a private note as outgoing, private, from the user who wrote it', async () => {
			const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
			await f.h.admin.messages.createPrivateNote(conversation_id, 'Cliente VIP');
			await f.settle();
			const note = f.account.ofEvent('message_created').at(-1)?.json;
			assert.equal(note?.content, 'Cliente VIP');
			assert.equal(note?.private, true);
			assert.equal(note?.message_type, 'outgoing');
			assert.equal((note?.sender as { type: string }).type, 'user');
			assert.equal(f.bot.ofEvent('message_created').at(-1)?.json.private, true);
		});

		it("should echo the bot's own reply to the account webhook and to the bot", async () => {
			const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
			await f.h
				.clientWith(CHATWOOT_SIM_BOT_TOKEN)
				.messages.create(conversation_id, { content: '¡Hola Maria!' });
			await f.settle();
			for (const receiver of [f.account, f.bot]) {
				const reply = receiver.ofEvent('message_created').at(-1)?.json;
				assert.equal(reply?.content, '¡Hola Maria!');
				assert.equal(reply?.message_type, 'outgoing');
				assert.equal(reply?.private, false);
				assert.deepEqual(reply?.sender, {
					id: CHATWOOT_SIM_BOT_ID,
					name: 'Switchboard Triage',
					type: 'agent_bot',
				});
			}
		});

		it('should carry message_type as a string in webhooks but as an integer in REST', async () => {
			const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			const rest = await f.h.admin.messages.list(conversation_id);
			assert.equal(rest.payload[0]?.message_type, 0);
			const hook = f.account.ofEvent('message_created')[0]?.json;
			assert.equal(hook?.message_type, 'incoming');
			const nested = (hook?.conversation as { messages: { message_type: unknown }[] }).messages[0];
			assert.equal(nested?.message_type, 0);
		});

		it('should send status_changed with changed_attributes null, then updated listing status', async () => {
			const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
			await f.h.admin.conversations.toggleStatus(conversation_id, { status: 'resolved' });
			await f.settle();
			assert.deepEqual(f.account.events().slice(3), [
				'conversation_status_changed',
				'conversation_updated',
			]);
			const [changed] = f.account.ofEvent('conversation_status_changed');
			assert.equal(changed?.json.changed_attributes, null);
			assert.equal(changed?.json.status, 'resolved');
			const [updated] = f.account.ofEvent('conversation_updated');
			const keys = (updated?.json.changed_attributes as object[]).map((c) => Object.keys(c)[0]);
			assert.deepEqual(keys, ['status', 'updated_at']);
		});

		it('should not retry an account webhook that answered 500', async () => {
			f.account.respond = () => 500;
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			assert.equal(f.account.received.length, 3);
			assert.ok(
				f.h.sim.webhooks.log
					.filter((d) => d.kind === 'account_webhook')
					.every((d) => d.attempt === 1),
			);
		});
	});

	describe('timeouts', () => {
		it('should give up on a slow account webhook after WEBHOOK_TIMEOUT, without retrying', async () => {
			const slow = await startHarness({ simulateWhatsappSend: false, webhookTimeoutMs: 20 });
			try {
				f.account.delayMs = 500;
				await slow.admin.webhooks.create({
					url: f.account.url,
					subscriptions: ['message_created'],
				});
				await slow.incoming({ ...maria, content: 'Hola' });
				await slow.sim.webhooks.idle();
				assert.equal(f.account.received.length, 1);
				assert.deepEqual(
					slow.sim.webhooks.log.map((d) => [d.attempt, d.outcome, d.error]),
					[[1, 'failed', 'Net::ReadTimeout']],
				);
			} finally {
				await slow.close();
			}
		});
	});
});

describe('chatwoot simulator outgoing WhatsApp messages', () => {
	let h: Harness;
	let account: Receiver;
	let secret = '';

	before(async () => {
		h = await startHarness();
		account = await startReceiver(() => secret);
		secret =
			(await h.admin.webhooks.create({ url: account.url, subscriptions: ['message_updated'] }))
				.secret ?? '';
	});
	after(async () => {
		await Promise.all([h.close(), account.close()]);
	});

	it('should announce the wamid of an agent reply with message_updated', async () => {
		const { conversation_id } = await h.incoming({ ...maria, content: 'Hola' });
		const reply = await h.admin.messages.create(conversation_id, { content: 'Hola Maria' });
		assert.equal(reply.source_id, null);
		await h.sim.webhooks.idle();
		const [updated] = account.ofEvent('message_updated');
		assert.equal(updated?.json.id, reply.id);
		assert.match(String(updated?.json.source_id), /^wamid\./);
	});
});

describe('chatwoot simulator without signing (before 4.12)', () => {
	it('should send no signature or timestamp headers when signing is off', async () => {
		const h = await startHarness({ signWebhooks: false });
		const account = await startReceiver(() => 'unused');
		try {
			await h.admin.webhooks.create({ url: account.url, subscriptions: ['message_created'] });
			await h.incoming({ ...maria, content: 'Hola' });
			await h.sim.webhooks.idle();
			const [delivery] = account.received;
			assert.equal(delivery?.headers['x-chatwoot-signature'], undefined);
			assert.equal(delivery?.headers['x-chatwoot-timestamp'], undefined);
			assert.deepEqual(delivery?.verification, { ok: false, reason: 'missing' });
		} finally {
			await Promise.all([h.close(), account.close()]);
		}
	});
});
