import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectDirectus } from './directus-client.ts';

// What undici throws when the server closed a kept-alive socket as it was reused.
function connectionReset(): TypeError {
	const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
	return new TypeError('fetch failed', { cause });
}

function flakyFetch(failures: number): { fetch: typeof fetch; methods: string[] } {
	const methods: string[] = [];
	const fetch: typeof globalThis.fetch = async (_input, init) => {
		methods.push(init?.method ?? 'GET');
		if (methods.length <= failures) throw connectionReset();
		return Response.json({ data: { ok: true } });
	};
	return { fetch, methods };
}

describe('connectDirectus', () => {
	describe('a connection Directus closed as it was reused', () => {
		it('should send a read once more and return its answer', async () => {
			const flaky = flakyFetch(1);
			const api = connectDirectus({ url: 'http://directus.test', token: 't', fetch: flaky.fetch });
			assert.deepEqual(await api.call('GET', '/items/faq'), { ok: true });
			assert.deepEqual(flaky.methods, ['GET', 'GET']);
		});

		it('should report a read that fails twice as Directus closing the connection', async () => {
			const flaky = flakyFetch(2);
			const api = connectDirectus({ url: 'http://directus.test', token: 't', fetch: flaky.fetch });
			await assert.rejects(api.call('GET', '/items/faq'), /closed the connection/);
			assert.equal(flaky.methods.length, 2);
		});

		it('should not send a write again, since Directus may have applied it', async () => {
			const flaky = flakyFetch(1);
			const api = connectDirectus({ url: 'http://directus.test', token: 't', fetch: flaky.fetch });
			await assert.rejects(api.call('POST', '/items/leads', { body: { name: 'Ana' } }));
			assert.deepEqual(flaky.methods, ['POST']);
		});
	});
});
