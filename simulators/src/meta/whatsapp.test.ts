import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	CUSTOMER,
	DISPLAY_NUMBER,
	PHONE_ID,
	type SimHarness,
	statusesOf,
	templateSend,
	textSend,
	WABA_ID,
	useSimulatorPerTest,
} from './test-support.ts';

const MESSAGES = `/v25.0/${PHONE_ID}/messages`;
const HOUR = 3_600_000;

describe('meta simulator: WhatsApp Cloud API', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest();
	const { start } = suite;
	/** The customer writes first, which opens the 24-hour window. */
	const customerWrites = (sim: SimHarness, text = 'Hi!') =>
		sim.admin('/inbound', {
			to_number: `+${DISPLAY_NUMBER}`,
			from: CUSTOMER,
			name: 'Sheena',
			text,
		});

	describe('POST /{phone-number-id}/messages', () => {
		it('should answer the success envelope with a wamid when a text is sent inside the window', async () => {
			const sim = await start();
			await customerWrites(sim);
			const res = await sim.graph('POST', MESSAGES, textSend());
			assert.equal(res.status, 200);
			assert.equal(res.body.messaging_product, 'whatsapp');
			assert.deepEqual(res.body.contacts, [{ input: `+${CUSTOMER}`, wa_id: CUSTOMER }]);
			const [message] = res.body.messages as { id: string }[];
			assert.match(message?.id ?? '', /^wamid\.[A-Za-z0-9+/=]+$/);
			assert.equal(res.headers.get('facebook-api-version'), 'v25.0');
		});

		it('should accept the call without a version prefix and on a retired version', async () => {
			const sim = await start();
			await customerWrites(sim);
			assert.equal((await sim.graph('POST', `/${PHONE_ID}/messages`, textSend())).status, 200);
			const old = await sim.graph('POST', `/v14.0/${PHONE_ID}/messages`, textSend());
			assert.equal(old.status, 200);
			assert.equal(old.headers.get('facebook-api-version'), 'v22.0');
		});

		it('should answer #100 naming the parameter when `to` is missing', async () => {
			const sim = await start();
			const body: Partial<ReturnType<typeof textSend>> = textSend();
			delete body.to;
			const res = await sim.graph('POST', MESSAGES, body);
			assert.equal(res.status, 400);
			const error = res.body.error as Record<string, unknown>;
			assert.equal(error.code, 100);
			assert.equal(error.message, '(#100) The parameter to is required.');
			assert.equal(error.type, 'OAuthException');
			assert.equal(typeof error.fbtrace_id, 'string');
		});

		it('should answer #131009 when a reply button title is longer than 20 characters', async () => {
			const sim = await start();
			const res = await sim.graph('POST', MESSAGES, {
				messaging_product: 'whatsapp',
				to: CUSTOMER,
				type: 'interactive',
				interactive: {
					type: 'button',
					body: { text: 'Pick one' },
					action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] },
				},
			});
			assert.equal(res.status, 400);
			assert.equal((res.body.error as Record<string, unknown>).code, 131009);
		});

		it('should answer 100/33 when the phone number id is unknown', async () => {
			const sim = await start();
			const res = await sim.graph('POST', '/v25.0/999/messages', textSend());
			assert.equal(res.status, 400);
			const error = res.body.error as Record<string, unknown>;
			assert.equal(error.code, 100);
			assert.equal(error.error_subcode, 33);
			assert.equal(error.type, 'GraphMethodException');
		});

		it('should send an interactive list and a template when they are well formed', async () => {
			const sim = await start();
			await customerWrites(sim);
			const list = await sim.graph('POST', MESSAGES, {
				messaging_product: 'whatsapp',
				to: CUSTOMER,
				type: 'interactive',
				interactive: {
					type: 'list',
					body: { text: 'Which shipping option?' },
					action: {
						button: 'Options',
						sections: [{ title: 'Fast', rows: [{ id: 'express', title: 'Express' }] }],
					},
				},
			});
			assert.equal(list.status, 200);
			const template = await sim.graph('POST', MESSAGES, templateSend());
			assert.equal(template.status, 200);
			assert.equal(
				(template.body.messages as { message_status: string }[])[0]?.message_status,
				'accepted',
			);
		});

		it('should answer 404 with #132001 when the template does not exist in that language', async () => {
			const sim = await start();
			const body = templateSend();
			body.template.language.code = 'pt_BR';
			const res = await sim.graph('POST', MESSAGES, body);
			assert.equal(res.status, 404);
			const error = res.body.error as { code: number; error_data: { details: string } };
			assert.equal(error.code, 132001);
			assert.equal(error.error_data.details, 'template name (hello_world) does not exist in pt_BR');
		});
	});

	describe('throughput and pair rate', () => {
		it('should answer #130429 once the per-number throughput limit is reached', async () => {
			const sim = await start({
				whatsapp: { throughputPerSecond: 2 },
				clock: () => 1_750_000_000_000,
			});
			await customerWrites(sim);
			assert.equal((await sim.graph('POST', MESSAGES, textSend('1', '+16505550001'))).status, 200);
			assert.equal((await sim.graph('POST', MESSAGES, textSend('2', '+16505550002'))).status, 200);
			const limited = await sim.graph('POST', MESSAGES, textSend('3', '+16505550003'));
			assert.equal(limited.status, 400);
			const error = limited.body.error as {
				code: number;
				message: string;
				error_data: Record<string, string>;
			};
			assert.equal(error.code, 130429);
			assert.equal(error.message, '(#130429) Rate limit hit');
			assert.equal(error.error_data.details, 'Cloud API message throughput has been reached.');
		});

		it('should send again once a second has passed on the simulator clock', async () => {
			const sim = await start({
				whatsapp: { throughputPerSecond: 1 },
				clock: () => 1_750_000_000_000,
			});
			assert.equal((await sim.graph('POST', MESSAGES, templateSend())).status, 200);
			assert.equal((await sim.graph('POST', MESSAGES, templateSend())).status, 400);
			await sim.admin('/clock', { advanceMs: 1000 });
			assert.equal((await sim.graph('POST', MESSAGES, templateSend())).status, 200);
		});

		it('should answer 429 when the throttling status is configured so', async () => {
			const sim = await start({
				whatsapp: { throughputPerSecond: 1, throttleHttpStatus: 429 },
				clock: () => 1_750_000_000_000,
			});
			await sim.graph('POST', MESSAGES, templateSend());
			assert.equal((await sim.graph('POST', MESSAGES, templateSend())).status, 429);
		});

		it('should answer #131056 when one customer gets more than the pair burst', async () => {
			const sim = await start({ whatsapp: { pairBurst: 2 }, clock: () => 1_750_000_000_000 });
			await sim.graph('POST', MESSAGES, templateSend());
			await sim.graph('POST', MESSAGES, templateSend());
			const res = await sim.graph('POST', MESSAGES, templateSend());
			const error = res.body.error as { code: number; error_subcode: number };
			assert.equal(error.code, 131056);
			assert.equal(error.error_subcode, 2494055);
			const other = await sim.graph('POST', MESSAGES, templateSend('+16505559999'));
			assert.equal(other.status, 200, 'other recipients are unaffected');
		});
	});

	describe('customer-service window', () => {
		it('should accept a text outside the window and then send a failed status with 131047', async () => {
			const sim = await start();
			const res = await sim.graph('POST', MESSAGES, textSend());
			assert.equal(res.status, 200, 'the send is accepted; the failure comes by webhook');
			const wamid = (res.body.messages as { id: string }[])[0]?.id;
			const [hook] = await suite.receiver.waitFor(1);
			assert.equal(hook?.verified, true);
			const [status] = statusesOf([hook!]);
			assert.equal(status?.id, wamid);
			assert.equal(status?.status, 'failed');
			assert.equal(status?.recipient_id, CUSTOMER);
			assert.equal(status?.errors?.[0]?.code, 131047);
			assert.equal(status?.errors?.[0]?.title, 'Re-engagement message');
		});

		it('should deliver a template outside the window', async () => {
			const sim = await start({ statuses: { sequence: ['sent', 'delivered'] } });
			await sim.graph('POST', MESSAGES, templateSend());
			const hooks = await suite.receiver.waitFor(2);
			assert.deepEqual(
				statusesOf(hooks).map((s) => s.status),
				['sent', 'delivered'],
			);
			const pricing = statusesOf(hooks)[0]?.pricing;
			assert.deepEqual(pricing, {
				billable: true,
				pricing_model: 'PMP',
				type: 'regular',
				category: 'utility',
			});
		});

		it('should close the window 24 hours after the customer last wrote', async () => {
			const sim = await start({ statuses: { sequence: ['sent'] }, clock: () => 1_750_000_000_000 });
			await customerWrites(sim);
			suite.receiver.clear();
			await sim.graph('POST', MESSAGES, textSend('inside'));
			assert.equal(statusesOf(await suite.receiver.waitFor(1))[0]?.status, 'sent');
			await sim.admin('/clock', { advanceMs: 24 * HOUR });
			await sim.graph('POST', MESSAGES, textSend('too late'));
			const statuses = statusesOf(await suite.receiver.waitFor(2));
			assert.equal(statuses[1]?.status, 'failed');
			assert.equal(statuses[1]?.errors?.[0]?.code, 131047);
		});

		it('should answer 131047 synchronously when windowErrorMode is sync', async () => {
			const sim = await start({ whatsapp: { windowErrorMode: 'sync' } });
			const res = await sim.graph('POST', MESSAGES, textSend());
			assert.equal(res.status, 400);
			assert.equal((res.body.error as { code: number }).code, 131047);
		});
	});

	describe('status webhooks', () => {
		it('should send sent, delivered, read in order by default, each signed', async () => {
			const sim = await start();
			await customerWrites(sim);
			suite.receiver.clear();
			const res = await sim.graph('POST', MESSAGES, textSend());
			const wamid = (res.body.messages as { id: string }[])[0]?.id;
			const hooks = await suite.receiver.waitFor(3);
			assert.ok(hooks.every((w) => w.verified));
			const statuses = statusesOf(hooks);
			assert.deepEqual(
				statuses.map((s) => s.status),
				['sent', 'delivered', 'read'],
			);
			assert.ok(statuses.every((s) => s.id === wamid));
			assert.equal(statuses[0]?.pricing?.type, 'free_customer_service');
			assert.equal(statuses[0]?.conversation, undefined, 'v24+ payloads carry no conversation');
			assert.equal(statuses[2]?.pricing, undefined);
			const change = hooks[0]?.body.entry[0]?.changes?.[0];
			assert.equal(hooks[0]?.body.entry[0]?.id, WABA_ID);
			assert.deepEqual(change?.value.metadata, {
				display_phone_number: DISPLAY_NUMBER,
				phone_number_id: PHONE_ID,
			});
		});

		it('should include conversation when the webhook version is before v24', async () => {
			const sim = await start({ webhookVersion: 23, statuses: { sequence: ['sent'] } });
			await sim.graph('POST', MESSAGES, templateSend());
			const [status] = statusesOf(await suite.receiver.waitFor(1));
			assert.equal((status?.conversation?.origin as { type: string }).type, 'utility');
		});

		it('should shuffle the statuses when the shuffle option is on', async () => {
			const sim = await start({ statuses: { shuffle: 1 }, random: () => 0 });
			await customerWrites(sim);
			suite.receiver.clear();
			await sim.graph('POST', MESSAGES, textSend());
			const order = statusesOf(await suite.receiver.waitFor(3)).map((s) => s.status);
			assert.deepEqual([...order].sort(), ['delivered', 'read', 'sent']);
			assert.notDeepEqual(order, ['sent', 'delivered', 'read']);
		});

		it('should send every status twice when the duplicate option is on', async () => {
			const sim = await start({ statuses: { duplicate: 1 } });
			await customerWrites(sim);
			suite.receiver.clear();
			await sim.graph('POST', MESSAGES, textSend());
			await sim.admin('/webhooks/flush', {});
			assert.deepEqual(
				statusesOf(suite.receiver.received).map((s) => s.status),
				['sent', 'sent', 'delivered', 'delivered', 'read', 'read'],
			);
		});

		it('should leave out delivered when the skipDelivered option is on', async () => {
			const sim = await start({ statuses: { skipDelivered: 1 } });
			await customerWrites(sim);
			suite.receiver.clear();
			await sim.graph('POST', MESSAGES, textSend());
			await sim.admin('/webhooks/flush', {});
			assert.deepEqual(
				statusesOf(suite.receiver.received).map((s) => s.status),
				['sent', 'read'],
			);
		});

		it('should batch several statuses into one POST when batching is on', async () => {
			const sim = await start({ delivery: { batchSize: 10, batchWindowMs: 50 } });
			await customerWrites(sim);
			await suite.receiver.waitFor(1);
			suite.receiver.clear();
			await sim.graph('POST', MESSAGES, textSend());
			await sim.admin('/webhooks/flush', {});
			assert.equal(suite.receiver.received.length, 1);
			const [hook] = suite.receiver.received;
			assert.equal(hook?.verified, true);
			assert.equal(hook?.body.entry.length, 1, 'one entry per WABA');
			assert.equal(hook?.body.entry[0]?.changes?.length, 3);
		});

		it('should send a failed status with 131026 when the number is undeliverable', async () => {
			const sim = await start({ whatsapp: { undeliverableNumbers: [CUSTOMER] } });
			await sim.graph('POST', MESSAGES, templateSend());
			const [status] = statusesOf(await suite.receiver.waitFor(1));
			assert.equal(status?.status, 'failed');
			assert.equal(status?.errors?.[0]?.code, 131026);
		});
	});

	describe('admin controls', () => {
		it('should send a status on demand and list the sent message in /__sim/state', async () => {
			const sim = await start({ statuses: { sequence: [] } });
			const res = await sim.graph('POST', MESSAGES, templateSend());
			const wamid = (res.body.messages as { id: string }[])[0]?.id;
			const manual = await sim.admin('/statuses', { message_id: wamid, status: 'read' });
			assert.equal((manual.body.delivery as { status: number }).status, 200);
			const [status] = statusesOf(await suite.receiver.waitFor(1));
			assert.equal(status?.status, 'read');
			const state = await sim.admin('/state');
			const [sent] = state.body.whatsappMessages as {
				id: string;
				to: string;
				statuses: string[];
			}[];
			assert.deepEqual([sent?.id, sent?.to, sent?.statuses], [wamid, CUSTOMER, ['read']]);
		});
	});

	describe('mark as read', () => {
		it('should answer { success: true } when a received message is marked read', async () => {
			const sim = await start();
			const inbound = await customerWrites(sim);
			const res = await sim.graph('POST', MESSAGES, {
				messaging_product: 'whatsapp',
				status: 'read',
				message_id: inbound.body.id,
			});
			assert.equal(res.status, 200);
			assert.deepEqual(res.body, { success: true });
		});
	});
});
