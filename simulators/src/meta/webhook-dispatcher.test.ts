import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyMetaSignature } from '@switchboard/glue/meta';
import { parseConfig } from './config.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { WebhookUpdate } from './webhook-payloads.ts';

interface SentRequest {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: string;
}

// A fetch stand-in answering the given statuses in turn (the last one repeats).
function fakeFetch(statuses: number[] = [200]) {
	const sent: SentRequest[] = [];
	const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		sent.push({
			url: String(input),
			method: init?.method ?? 'GET',
			headers: init?.headers as Record<string, string>,
			body: String(init?.body),
		});
		return new Response(null, { status: statuses[Math.min(sent.length, statuses.length) - 1] });
	};
	return { sent, fetch: fn as typeof fetch };
}

const update = (entryId: string, n: number): WebhookUpdate => ({
	object: 'whatsapp_business_account',
	entryId,
	change: { value: { n, text: 'ção' }, field: 'messages' },
});

function dispatcher(fetchFn: typeof fetch, overrides: Parameters<typeof parseConfig>[0] = {}) {
	const config = parseConfig({ appSecret: 'secret', ...overrides });
	return new WebhookDispatcher({ config: () => config, fetch: fetchFn, now: () => 0 });
}

describe('webhook-dispatcher', () => {
	describe('enqueue', () => {
		it('should POST the escaped JSON with both signatures and Meta headers', async () => {
			const { sent, fetch } = fakeFetch();
			const result = await dispatcher(fetch).enqueue(update('waba', 1), 'http://hook.test/meta');
			assert.equal(result.status, 200);
			assert.equal(result.state, 'delivered');
			const [req] = sent;
			assert.equal(req?.method, 'POST');
			assert.equal(req?.url, 'http://hook.test/meta');
			assert.equal(
				req?.body,
				'{"object":"whatsapp_business_account","entry":[{"id":"waba","changes":[{"value":{"n":1,"text":"\\u00e7\\u00e3o"},"field":"messages"}]}]}',
			);
			assert.equal(req?.headers['content-type'], 'application/json');
			assert.equal(req?.headers['user-agent'], 'facebookexternalua');
			assert.equal(
				verifyMetaSignature('secret', req?.body ?? '', req?.headers['x-hub-signature-256']),
				true,
			);
			assert.match(req?.headers['x-hub-signature'] ?? '', /^sha1=/);
		});

		it('should leave out the sha1 header when it is switched off', async () => {
			const { sent, fetch } = fakeFetch();
			await dispatcher(fetch, { delivery: { sha1Header: false } }).enqueue(
				update('w', 1),
				'http://h.test/',
			);
			assert.equal(sent[0]?.headers['x-hub-signature'], undefined);
		});

		it('should batch queued updates per URL, grouping changes of one entry id', async () => {
			const { sent, fetch } = fakeFetch();
			const d = dispatcher(fetch, { delivery: { batchSize: 10 } });
			const results = await Promise.all([
				d.enqueue(update('waba1', 1), 'http://a.test/'),
				d.enqueue(update('waba2', 2), 'http://a.test/'),
				d.enqueue(update('waba1', 3), 'http://a.test/'),
				d.enqueue(update('waba1', 4), 'http://b.test/'),
			]);
			assert.equal(sent.length, 2);
			const first = JSON.parse(sent[0]?.body ?? '{}') as {
				entry: { id: string; changes: unknown[] }[];
			};
			assert.deepEqual(
				first.entry.map((e) => [e.id, e.changes.length]),
				[
					['waba1', 2],
					['waba2', 1],
				],
			);
			assert.equal(sent[1]?.url, 'http://b.test/');
			assert.deepEqual(
				results.map((r) => r.deliveryId),
				[1, 1, 1, 2],
			);
		});

		it('should retry a non-200 answer on the configured delays and then give up', async () => {
			const { sent, fetch } = fakeFetch([503, 202, 500]);
			const d = dispatcher(fetch, { delivery: { retryDelaysMs: [0, 0] } });
			const first = await d.enqueue(update('w', 1), 'http://h.test/');
			assert.equal(first.state, 'retrying');
			while (d.list()[0]?.state === 'retrying')
				await new Promise((resolve) => setTimeout(resolve, 5));
			assert.equal(sent.length, 3, 'a 202 is not a 200 either');
			assert.deepEqual(
				d.list()[0]?.attempts.map((a) => a.status),
				[503, 202, 500],
			);
			assert.equal(d.list()[0]?.state, 'failed');
		});

		it('should record a network failure as an attempt without a status', async () => {
			const failing = (async () => {
				throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
			}) as typeof fetch;
			const result = await dispatcher(failing, { delivery: { retryDelaysMs: [] } }).enqueue(
				update('w', 1),
				'http://h.test/',
			);
			assert.equal(result.status, null);
			assert.equal(result.state, 'failed');
			assert.match(result.error ?? '', /ECONNREFUSED/);
		});

		it('should record without sending when there is no URL', async () => {
			const { sent, fetch } = fakeFetch();
			const result = await dispatcher(fetch).enqueue(update('w', 1), null);
			assert.equal(result.state, 'no-target');
			assert.equal(sent.length, 0);
		});
	});

	describe('later and idle', () => {
		it('should resolve idle only after scheduled work has been delivered', async () => {
			const { sent, fetch } = fakeFetch();
			const d = dispatcher(fetch);
			d.later(5, () => void d.enqueue(update('w', 1), 'http://h.test/'));
			await d.idle();
			assert.equal(sent.length, 1);
		});

		it('should cancel scheduled work on reset', async () => {
			const { sent, fetch } = fakeFetch();
			const d = dispatcher(fetch);
			d.later(5, () => void d.enqueue(update('w', 1), 'http://h.test/'));
			d.reset();
			await d.idle();
			await new Promise((resolve) => setTimeout(resolve, 20));
			assert.equal(sent.length, 0);
		});
	});
});
