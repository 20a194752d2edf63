import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IG_ID, PAGE_ID, type SimHarness, useSimulatorPerTest } from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const HOUR = 3_600_000;
const PSID = '24000000000001';
const IGSID = '5500000000001';

describe('meta simulator: Messenger and Instagram Send API', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest({ clock: () => NOW });
	const { start } = suite;
	const send = (
		sim: SimHarness,
		account: string,
		recipient: string,
		extra: Record<string, unknown> = {},
	) =>
		sim.graph('POST', `/v25.0/${account}/messages`, {
			recipient: { id: recipient },
			messaging_type: 'RESPONSE',
			message: { text: 'hello, world' },
			...extra,
		});
	const errorOf = (body: Record<string, unknown>) => body.error as Record<string, unknown>;

	it('should answer recipient_id and message_id and echo the message when the user wrote first', async () => {
		const sim = await start();
		await sim.admin('/inbound', { channel: 'messenger', from: PSID, text: 'hi' });
		await suite.receiver.waitFor(1);
		const res = await send(sim, PAGE_ID, PSID);
		assert.equal(res.status, 200);
		assert.equal(res.body.recipient_id, PSID);
		assert.match(String(res.body.message_id), /^m_/);
		const [, echo] = await suite.receiver.waitFor(2);
		const event = echo?.body.entry[0]?.messaging?.[0] as Record<string, Record<string, unknown>>;
		assert.equal(event.message?.is_echo, true);
		assert.equal(event.message?.mid, res.body.message_id);
		assert.deepEqual(event.sender, { id: PAGE_ID });
	});

	it('should send through /me/messages as the Page', async () => {
		const sim = await start();
		await sim.admin('/inbound', { channel: 'messenger', from: PSID, text: 'hi' });
		assert.equal((await send(sim, 'me', PSID)).status, 200);
	});

	it('should answer 100/2018001 when the user never wrote to the Page', async () => {
		const sim = await start();
		const res = await send(sim, PAGE_ID, PSID);
		assert.equal(res.status, 400);
		assert.equal(errorOf(res.body).error_subcode, 2018001);
	});

	it('should answer 10/2018278 outside the 24-hour window, and allow HUMAN_AGENT for 7 days', async () => {
		const sim = await start();
		await sim.admin('/inbound', { channel: 'messenger', from: PSID, text: 'hi' });
		await sim.admin('/clock', { advanceMs: 25 * HOUR });
		const late = await send(sim, PAGE_ID, PSID);
		assert.equal(late.status, 400);
		assert.equal(errorOf(late.body).code, 10);
		assert.equal(errorOf(late.body).error_subcode, 2018278);
		const tagged = await send(sim, PAGE_ID, PSID, {
			messaging_type: 'MESSAGE_TAG',
			tag: 'HUMAN_AGENT',
		});
		assert.equal(tagged.status, 200);
	});

	it('should answer 10/2534022 on Instagram outside the window', async () => {
		const sim = await start();
		await sim.admin('/inbound', { channel: 'instagram', from: IGSID, text: 'hi' });
		await sim.admin('/clock', { advanceMs: 25 * HOUR });
		const res = await send(sim, IG_ID, IGSID);
		assert.equal(errorOf(res.body).error_subcode, 2534022);
	});

	it('should take recipient and message as JSON strings in a form body', async () => {
		const sim = await start();
		await sim.admin('/inbound', { channel: 'messenger', from: PSID, text: 'hi' });
		const res = await fetch(`${sim.url}/v25.0/${PAGE_ID}/messages?access_token=test-token`, {
			method: 'POST',
			body: new URLSearchParams({
				recipient: JSON.stringify({ id: PSID }),
				message: JSON.stringify({ text: 'form' }),
			}),
		});
		assert.equal(res.status, 200);
	});
});
