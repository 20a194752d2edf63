import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	header,
	resetSim,
	useWebhookFixture,
	type Receiver,
	type ReceivedWebhook,
	type WebhookFixture,
} from './test-support.ts';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };
// Any seed replays; this one also sends a message of the burst to the bot twice.
const SEED = 20261206;
const BURST = Array.from({ length: 12 }, (_, i) => `message ${i + 1}`);

/** The customer's messages as they reached the receiver, in arrival order. */
function customerMessages(receiver: Receiver): ReceivedWebhook[] {
	return receiver.ofEvent('message_created').filter((w) => w.json.message_type === 'incoming');
}

function contents(webhooks: ReceivedWebhook[]): string[] {
	return webhooks.map((w) => String(w.json.content));
}

async function sendBurst(f: WebhookFixture): Promise<void> {
	for (const content of BURST) await f.h.incoming({ ...maria, content });
	await f.settle();
}

async function simJson(f: WebhookFixture, path: string, body?: unknown) {
	const res = await fetch(`${f.h.server.url}/__sim/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('chatwoot simulator delivery modes', () => {
	describe('realistic', () => {
		const f = useWebhookFixture({ delivery: { mode: 'realistic', seed: SEED } });

		it('should deliver a burst to the bot concurrently and out of order, every message at least once', async () => {
			f.bot.delayMs = 40;
			await sendBurst(f);
			const arrived = contents(customerMessages(f.bot));
			assert.deepEqual([...new Set(arrived)].sort(), [...BURST].sort());
			assert.notDeepEqual([...new Set(arrived)], BURST);
			assert.ok(f.bot.maxInFlight > 1, `at most ${f.bot.maxInFlight} in flight`);
		});

		it('should send a message twice now and then, each copy under its own delivery id', async () => {
			await sendBurst(f);
			const byContent = Map.groupBy(customerMessages(f.bot), (w) => String(w.json.content));
			const twice = [...byContent.values()].filter((copies) => copies.length > 1);
			assert.ok(twice.length > 0, 'no message reached the bot twice');
			for (const copies of twice) {
				assert.equal(copies[0]?.json.id, copies[1]?.json.id);
				const ids = copies.map((w) => header(w.headers, 'x-chatwoot-delivery'));
				assert.equal(new Set(ids).size, copies.length);
			}
			assert.ok(f.bot.received.every((w) => w.verification.ok));
		});

		it('should duplicate the same messages again when replayed with the same seed', async () => {
			const duplicated = (): string[] =>
				[...Map.groupBy(contents(customerMessages(f.bot)), (c) => c)]
					.filter(([, copies]) => copies.length > 1)
					.map(([content]) => content)
					.sort();
			await sendBurst(f);
			const first = duplicated();
			await simJson(f, 'delivery', { mode: 'realistic', seed: SEED });
			f.bot.received.length = 0;
			await sendBurst(f);
			assert.deepEqual(duplicated(), first);
		});

		it('should let a message_created reach the account webhook before its conversation_created', async () => {
			await sendBurst(f);
			const events = f.account.events();
			const created = events.indexOf('conversation_created');
			assert.ok(created > 0, `conversation_created arrived first: ${events.join(', ')}`);
			assert.ok(events.slice(0, created).includes('message_created'), events.join(', '));
		});
	});

	describe('in order (the default)', () => {
		const f = useWebhookFixture();

		it('should deliver a burst to the bot one at a time, in order, each once', async () => {
			f.bot.delayMs = 20;
			await sendBurst(f);
			assert.deepEqual(contents(customerMessages(f.bot)), BURST);
			assert.equal(f.bot.maxInFlight, 1);
			assert.deepEqual(f.account.events(), [
				'contact_created',
				'conversation_created',
				...BURST.map(() => 'message_created'),
			]);
		});

		it('should switch to realistic delivery on POST /__sim/delivery until the next reset', async () => {
			const set = await simJson(f, 'delivery', {
				mode: 'realistic',
				seed: 7,
				duplicateProbability: 1,
			});
			assert.deepEqual(set, {
				status: 200,
				body: { mode: 'realistic', seed: 7, maxDelayMs: 250, duplicateProbability: 1 },
			});
			await f.h.incoming({ ...maria, content: 'Hola' });
			await f.settle();
			const copies = customerMessages(f.bot);
			assert.equal(copies.length, 2);
			assert.notEqual(
				header(copies[0]!.headers, 'x-chatwoot-delivery'),
				header(copies[1]!.headers, 'x-chatwoot-delivery'),
			);

			await resetSim(f.h);
			assert.deepEqual((await simJson(f, 'delivery')).body, { mode: 'in-order' });
		});

		it('should pick and report a seed when realistic delivery is asked for without one', async () => {
			const { body } = await simJson(f, 'delivery', { mode: 'realistic' });
			assert.equal(typeof body.seed, 'number');
			assert.deepEqual((await simJson(f, 'delivery')).body, body);
		});

		it('should refuse an unknown mode with 400', async () => {
			const res = await simJson(f, 'delivery', { mode: 'sometimes' });
			assert.equal(res.status, 400);
			assert.deepEqual((await simJson(f, 'delivery')).body, { mode: 'in-order' });
		});
	});
});
