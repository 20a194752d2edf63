import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyMetaSignature } from '@switchboard/glue/meta';
import {
	APP_SECRET,
	CUSTOMER,
	DISPLAY_NUMBER,
	eventually,
	IG_ID,
	PAGE_ID,
	PHONE_ID,
	startReceiver,
	VERIFY_TOKEN,
	WABA_ID,
	useSimulatorPerTest,
} from './test-support.ts';

describe('meta simulator: webhooks', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest();
	const { start } = suite;

	describe('POST /__sim/inbound', () => {
		it('should send a signed customer-message webhook that verifies over the raw bytes', async () => {
			const sim = await start();
			const res = await sim.admin('/inbound', {
				to_number: `+${DISPLAY_NUMBER}`,
				from: `+${CUSTOMER}`,
				name: 'José Ñúñez',
				text: 'Olá! Café 👍 à 9h?',
			});
			assert.equal(res.status, 200);
			assert.equal((res.body.delivery as { status: number }).status, 200);
			const [hook] = await suite.receiver.waitFor(1);
			assert.ok(hook);
			assert.equal(hook.verified, true);
			assert.match(String(hook.headers['x-hub-signature-256']), /^sha256=[0-9a-f]{64}$/);
			assert.match(String(hook.headers['x-hub-signature']), /^sha1=[0-9a-f]{40}$/);
			assert.equal(hook.headers['content-type'], 'application/json');

			const raw = hook.raw.toString('utf8');
			assert.match(raw, /"body":"Ol\\u00e1! Caf\\u00e9 \\ud83d\\udc4d \\u00e0 9h\?"/);
			assert.ok(/^[\x20-\x7e]*$/.test(raw), 'the body is pure ASCII, as Meta sends it');
			const reserialised = JSON.stringify(hook.body);
			assert.equal(
				verifyMetaSignature(APP_SECRET, reserialised, String(hook.headers['x-hub-signature-256'])),
				false,
				're-serialising breaks the signature, as with real Meta payloads',
			);

			assert.equal(hook.body.object, 'whatsapp_business_account');
			const entry = hook.body.entry[0];
			assert.equal(entry?.id, WABA_ID);
			const value = entry?.changes?.[0]?.value as Record<string, unknown>;
			assert.equal(entry?.changes?.[0]?.field, 'messages');
			assert.deepEqual(value.metadata, {
				display_phone_number: DISPLAY_NUMBER,
				phone_number_id: PHONE_ID,
			});
			assert.deepEqual(value.contacts, [{ profile: { name: 'José Ñúñez' }, wa_id: CUSTOMER }]);
			const [message] = value.messages as Record<string, unknown>[];
			assert.equal(message?.from, CUSTOMER);
			assert.equal(message?.id, res.body.id);
			assert.equal(message?.type, 'text');
			assert.deepEqual(message?.text, { body: 'Olá! Café 👍 à 9h?' });
			assert.match(String(message?.timestamp), /^\d{10}$/);
		});

		it('should route by phone_number_id when the business has several numbers', async () => {
			const sim = await start({
				businessNumbers: [
					{ phoneNumberId: PHONE_ID, displayPhoneNumber: DISPLAY_NUMBER, wabaId: WABA_ID },
					{
						phoneNumberId: '200000000000002',
						displayPhoneNumber: '5215511112222',
						wabaId: WABA_ID,
					},
				],
			});
			await sim.admin('/inbound', {
				phone_number_id: '200000000000002',
				from: CUSTOMER,
				text: 'hola',
			});
			const [hook] = await suite.receiver.waitFor(1);
			const value = hook?.body.entry[0]?.changes?.[0]?.value as Record<string, unknown>;
			assert.deepEqual(value.metadata, {
				display_phone_number: '5215511112222',
				phone_number_id: '200000000000002',
			});
		});

		it('should send a Messenger message event with millisecond timestamps for a Page', async () => {
			const sim = await start({ clock: () => 1_750_000_000_123 });
			await sim.admin('/inbound', {
				channel: 'messenger',
				from: '24000000000001',
				text: 'hello, world!',
			});
			const [hook] = await suite.receiver.waitFor(1);
			assert.equal(hook?.verified, true);
			assert.equal(hook?.body.object, 'page');
			const entry = hook?.body.entry[0];
			assert.equal(entry?.id, PAGE_ID);
			assert.equal(entry?.time, 1_750_000_000_123);
			const [event] = entry?.messaging ?? [];
			assert.deepEqual(event?.sender, { id: '24000000000001' });
			assert.deepEqual(event?.recipient, { id: PAGE_ID });
			assert.equal(event?.timestamp, 1_750_000_000_123);
			assert.equal((event?.message as { text: string }).text, 'hello, world!');
		});

		it('should send an Instagram event to the IG account when the channel is instagram', async () => {
			const sim = await start();
			await sim.admin('/inbound', {
				channel: 'instagram',
				from: '5500000000001',
				text: 'Is this in stock?',
			});
			const [hook] = await suite.receiver.waitFor(1);
			assert.equal(hook?.body.object, 'instagram');
			assert.equal(hook?.body.entry[0]?.id, IG_ID);
		});

		it('should answer 404 when no business number matches', async () => {
			const sim = await start();
			const res = await sim.admin('/inbound', {
				to_number: '+4400000000',
				from: CUSTOMER,
				text: 'hi',
			});
			assert.equal(res.status, 404);
		});

		it('should answer 400 naming the field when from is missing', async () => {
			const sim = await start();
			const res = await sim.admin('/inbound', { text: 'hi' });
			assert.equal(res.status, 400);
			assert.match(String(res.body.error), /from is required/);
		});

		it('should record the payload without sending it when no webhook URL is set', async () => {
			const sim = await start({ webhookUrl: null });
			const res = await sim.admin('/inbound', { from: CUSTOMER, text: 'hi' });
			assert.equal((res.body.delivery as { state: string }).state, 'no-target');
			const log = await sim.admin('/webhooks');
			const [delivery] = log.body as unknown as { body: string; signature: string }[];
			assert.equal(
				verifyMetaSignature(APP_SECRET, delivery?.body ?? '', delivery?.signature),
				true,
			);
			assert.equal(suite.receiver.received.length, 0);
		});
	});

	describe('delivery', () => {
		it('should retry with the same bytes and signature when the receiver does not answer 200', async () => {
			const sim = await start({ delivery: { retryDelaysMs: [0, 0] } });
			suite.receiver.postStatus = 500;
			await sim.admin('/inbound', { from: CUSTOMER, text: 'retry me' });
			const hooks = await suite.receiver.waitFor(3);
			assert.equal(new Set(hooks.map((w) => w.raw.toString('utf8'))).size, 1);
			assert.equal(new Set(hooks.map((w) => String(w.headers['x-hub-signature-256']))).size, 1);
			type Logged = { state: string; attempts: unknown[] };
			// The last answer reaches the simulator just after the suite.receiver has counted the request.
			const delivery = await eventually(async () => {
				const [logged] = (await sim.admin('/webhooks')).body as unknown as Logged[];
				return logged?.state === 'failed' ? logged : undefined;
			});
			assert.equal(delivery.attempts.length, 3);
		});

		it('should send to the WABA override callback when one was subscribed', async () => {
			const other = await startReceiver(APP_SECRET, 'chatwoot-token');
			try {
				const sim = await start();
				const res = await sim.graph('POST', `/v25.0/${WABA_ID}/subscribed_apps`, {
					override_callback_uri: other.url,
					verify_token: 'chatwoot-token',
				});
				assert.deepEqual(res.body, { success: true });
				assert.equal(other.handshakes.length, 1);
				await sim.admin('/inbound', { from: CUSTOMER, text: 'to chatwoot' });
				const [hook] = await other.waitFor(1);
				assert.equal(hook?.verified, true);
				assert.equal(suite.receiver.received.length, 0);
			} finally {
				await other.close();
			}
		});

		it('should refuse an override callback with #2200 when it does not echo the challenge', async () => {
			const sim = await start();
			const res = await sim.graph('POST', `/v25.0/${WABA_ID}/subscribed_apps`, {
				override_callback_uri: suite.receiver.url,
				verify_token: 'not-the-token',
			});
			assert.equal(res.status, 400);
			assert.equal((res.body.error as { code: number }).code, 2200);
		});
	});

	describe('verification handshake', () => {
		it('should send hub.mode, hub.challenge and hub.verify_token and require the challenge echoed', async () => {
			const sim = await start();
			const res = await sim.admin('/verify-webhook', {});
			assert.equal(res.body.verified, true);
			const [query] = suite.receiver.handshakes;
			assert.equal(query?.get('hub.mode'), 'subscribe');
			assert.equal(query?.get('hub.verify_token'), VERIFY_TOKEN);
			assert.match(query?.get('hub.challenge') ?? '', /^\d+$/);
			assert.equal(res.body.body, query?.get('hub.challenge'));
		});

		it('should report not verified when the receiver rejects the verify token', async () => {
			const sim = await start();
			const res = await sim.admin('/verify-webhook', { verify_token: 'wrong' });
			assert.equal(res.body.verified, false);
			assert.equal(res.body.status, 403);
		});

		it('should report not verified when nothing listens at the URL', async () => {
			const sim = await start();
			const res = await sim.admin('/verify-webhook', { url: 'http://127.0.0.1:1/hook' });
			assert.equal(res.body.verified, false);
			assert.equal(res.body.status, null);
		});
	});

	describe('POST /__sim/config', () => {
		it('should verify a new callback URL, then sign with the new app secret', async () => {
			const sim = await start({ webhookUrl: null });
			const other = await startReceiver('rotated-secret', 'new-verify');
			try {
				const res = await sim.admin('/config', {
					webhookUrl: other.url,
					verifyToken: 'new-verify',
					appSecret: 'rotated-secret',
				});
				assert.equal(res.status, 200);
				assert.equal(res.body.webhookUrl, other.url);
				assert.equal(other.handshakes.length, 1);
				await sim.admin('/inbound', { from: CUSTOMER, text: 'after rotation' });
				const [hook] = await other.waitFor(1);
				assert.equal(hook?.verified, true);
			} finally {
				await other.close();
			}
		});

		it('should keep the old config when the new callback fails the handshake', async () => {
			const sim = await start();
			const res = await sim.admin('/config', { webhookUrl: 'http://127.0.0.1:1/nothing' });
			assert.equal(res.status, 400);
			assert.equal((await sim.admin('/config')).body.webhookUrl, suite.receiver.url);
		});

		it('should reject an unknown option by name', async () => {
			const sim = await start();
			const res = await sim.admin('/config', { webhookUrll: 'http://x' });
			assert.equal(res.status, 400);
			assert.match(String(res.body.error), /webhookUrll/);
		});

		it('should merge nested options and return to the start options on reset', async () => {
			const sim = await start();
			await sim.admin('/config', { whatsapp: { throughputPerSecond: 5 } });
			const changed = (await sim.admin('/config')).body.whatsapp as {
				throughputPerSecond: number;
				pairBurst: number;
			};
			assert.equal(changed.throughputPerSecond, 5);
			assert.equal(changed.pairBurst, 45);
			await sim.admin('/reset', {});
			const reset = (await sim.admin('/config')).body.whatsapp as { throughputPerSecond: number };
			assert.equal(reset.throughputPerSecond, 80);
		});
	});

	describe('encoding', () => {
		it('should sign bytes with "/" written as "\\/" when escapeSlashes is on', async () => {
			const text = 'Plans: https://isp.example/plans';
			const sim = await start({ delivery: { escapeSlashes: true } });
			await sim.admin('/inbound', { from: CUSTOMER, text });
			const [hook] = await suite.receiver.waitFor(1);
			assert.ok(hook);
			assert.ok(hook.raw.includes(String.raw`"body":"Plans: https:\/\/isp.example\/plans"`));
			assert.equal(hook.verified, true);
			const value = hook.body.entry[0]?.changes?.[0]?.value as { messages: { text: unknown }[] };
			assert.deepEqual(value.messages[0]?.text, { body: text });
		});
	});
});
