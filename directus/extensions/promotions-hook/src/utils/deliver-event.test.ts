import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { deliverEvent, type DeliveryDeps } from './deliver-event.ts';

const target = { url: 'http://127.0.0.1:5678/webhook/promotions', secret: 'shh' };
const event = { event: 'promotion.published', promotionId: '3', status: 'published', at: 'x' };

interface Call {
	url: string;
	init: RequestInit;
}

/** A fetch that answers from a script: a status, or an error to throw. */
function scriptedFetch(script: (number | Error | Response)[], calls: Call[]): typeof fetch {
	return async (url, init) => {
		calls.push({ url: String(url), init: init! });
		const next = script.shift() ?? 200;
		if (next instanceof Error) throw next;
		return next instanceof Response ? next : new Response(null, { status: next });
	};
}

describe('deliverEvent', () => {
	let calls: Call[];
	let slept: number[];
	const deps = (script: (number | Error | Response)[]): DeliveryDeps => ({
		fetch: scriptedFetch(script, calls),
		sleep: async (ms) => {
			slept.push(ms);
		},
		now: () => 1_767_225_600_500,
		retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
	});

	beforeEach(() => {
		calls = [];
		slept = [];
	});

	it('should POST the JSON body with the shared secret and no signature', async () => {
		const result = await deliverEvent(target, event, deps([200]));
		assert.deepEqual(result, { delivered: true, status: 200, attempts: 1 });
		const [call] = calls;
		assert.equal(call!.url, target.url);
		assert.equal(call!.init.method, 'POST');
		assert.equal(call!.init.body, JSON.stringify(event));
		const headers = call!.init.headers as Record<string, string>;
		assert.equal(headers['Content-Type'], 'application/json');
		assert.equal(headers['X-Switchboard-Secret'], 'shh');
		assert.equal(headers['X-Switchboard-Signature'], undefined);
	});

	it('should retry 5xx, 429 and network failures with growing waits, the same body each time', async () => {
		const refused = Object.assign(new TypeError('fetch failed'), {
			cause: { code: 'ECONNREFUSED' },
		});
		const result = await deliverEvent(target, event, deps([503, refused, 429, 204]));
		assert.deepEqual(result, { delivered: true, status: 204, attempts: 4 });
		assert.equal(new Set(calls.map((call) => call.init.body)).size, 1);
		assert.equal(slept.length, 3);
		assert.ok(
			slept[0]! >= 50 && slept[0]! <= 100 && slept[2]! >= 200 && slept[2]! <= 400,
			String(slept),
		);
	});

	it('should honour Retry-After in seconds or as a date, up to the longest wait', async () => {
		const retryAfter = (value: string) =>
			new Response(null, { status: 429, headers: { 'Retry-After': value } });
		const inThreeSeconds = new Date(1_767_225_603_000).toUTCString();
		await deliverEvent(target, event, {
			...deps([retryAfter('1'), retryAfter(inThreeSeconds), retryAfter('600'), 200]),
			retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 5000 },
		});
		assert.deepEqual(slept, [1000, 2500, 5000]);
	});

	it('should give up after the last attempt, saying why', async () => {
		const result = await deliverEvent(target, event, deps([500, 502, 503, 504]));
		assert.deepEqual(result, { delivered: false, error: 'HTTP 504', attempts: 4 });
	});

	it('should not repeat a request the receiver refuses (wrong secret, bad body)', async () => {
		for (const status of [400, 401, 403, 422]) {
			calls = [];
			const result = await deliverEvent(target, event, deps([status]));
			assert.deepEqual(result, { delivered: false, error: `HTTP ${status}`, attempts: 1 });
		}
	});

	it('should retry a 404, which n8n answers while the workflow is not published yet', async () => {
		const result = await deliverEvent(target, event, deps([404, 404, 200]));
		assert.deepEqual(result, { delivered: true, status: 200, attempts: 3 });
		assert.equal(slept.length, 2);
	});

	it('should make five attempts by default, giving up within seconds, not minutes', async () => {
		const result = await deliverEvent(target, event, {
			...deps([500, 500, 500, 500, 500, 500]),
			retry: undefined,
		});
		assert.deepEqual(result, { delivered: false, error: 'HTTP 500', attempts: 5 });
		const waited = slept.reduce((sum, ms) => sum + ms, 0);
		assert.ok(waited >= 7_500 && waited <= 15_000, String(slept));
	});

	it('should describe a refused connection and a timeout in words', async () => {
		const refused = Object.assign(new TypeError('fetch failed'), {
			cause: { code: 'ECONNREFUSED' },
		});
		const timeout = new DOMException('The operation timed out.', 'TimeoutError');
		const result = await deliverEvent(target, event, deps([refused, refused, refused, timeout]));
		assert.deepEqual(result, {
			delivered: false,
			error: `n8n did not answer within 10000 ms. n8n is overloaded or hanging.`,
			attempts: 4,
		});
		const first = await deliverEvent(target, event, {
			...deps([refused]),
			retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
		});
		assert.deepEqual(first, {
			delivered: false,
			error: `n8n refused the connection at ${target.url}. Is n8n running?`,
			attempts: 1,
		});
	});
});
