import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ErrorJson, type TestSimulator, readJson, startSimulator } from '../testing.ts';

const body = {
	model: 'claude-haiku-4-5',
	max_tokens: 50,
	messages: [{ role: 'user', content: 'hi' }],
};

// The SDK always sends a key when given one; dropping the header on the way out is how a
// misconfigured proxy or a missing secret looks to the API.
const withoutAuth: typeof fetch = (url, init) => {
	const headers = new Headers(init?.headers);
	headers.delete('authorization');
	return fetch(url, { ...init, headers });
};

describe('auth and version headers', () => {
	let t: TestSimulator;

	before(async () => {
		t = await startSimulator({ apiKeys: ['sk-ant-test', 'sk-ant-old'] });
	});
	after(() => t.server.close());

	describe('requireApiKey', () => {
		it('should answer the real 401 body as an AuthenticationError when no key is sent', async () => {
			const err = await t
				.client({ fetch: withoutAuth })
				.messages.create({
					model: 'claude-haiku-4-5',
					max_tokens: 50,
					messages: [{ role: 'user', content: 'hi' }],
				})
				.catch((e: unknown) => e);
			assert.ok(err instanceof Anthropic.AuthenticationError);
			assert.equal(err.status, 401);
			assert.deepEqual(err.error, {
				type: 'error',
				error: { type: 'authentication_error', message: 'x-api-key header is required' },
				request_id: err.requestID,
			});
			assert.match(err.requestID ?? '', /^req_/);
		});

		it('should answer "invalid x-api-key" when the key is not one the simulator accepts', async () => {
			await assert.rejects(
				t.client({ apiKey: 'sk-ant-wrong' }).messages.create({
					model: 'claude-haiku-4-5',
					max_tokens: 50,
					messages: [{ role: 'user', content: 'hi' }],
				}),
				(err) =>
					err instanceof Anthropic.AuthenticationError && err.apiMessage === 'invalid x-api-key',
			);
		});

		it('should accept the 0.x style x-api-key header with version 2023-06-01, temperature included', async () => {
			const res = await t.post(
				'/v1/messages',
				{ ...body, temperature: 0.2 },
				{ 'x-api-key': 'sk-ant-old', 'anthropic-version': '2023-06-01' },
			);
			assert.equal(res.status, 200);
			assert.equal((await readJson<{ type: string }>(res)).type, 'message');
		});

		it('should prefer x-api-key over Authorization when both are sent', async () => {
			const res = await t.post('/v1/messages', body, {
				'x-api-key': 'sk-ant-wrong',
				authorization: 'Bearer sk-ant-test',
				'anthropic-version': '2026-10-21',
			});
			assert.equal(res.status, 401);
		});
	});

	describe('requireVersion', () => {
		it('should answer 400 when anthropic-version is missing', async () => {
			const res = await t.post('/v1/messages', body, { authorization: 'Bearer sk-ant-test' });
			assert.equal(res.status, 400);
			assert.equal(
				(await readJson<ErrorJson>(res)).error.message,
				'anthropic-version: header is required',
			);
		});

		it('should answer 400 naming the value when anthropic-version is unknown', async () => {
			const res = await t.post('/v1/messages', body, {
				authorization: 'Bearer sk-ant-test',
				'anthropic-version': '2024-01-01',
			});
			assert.equal(res.status, 400);
			assert.equal(
				(await readJson<ErrorJson>(res)).error.message,
				'anthropic-version: "2024-01-01" is not a valid version',
			);
		});

		it('should send a request-id header and the same id in the body on errors', async () => {
			const res = await t.post('/v1/messages', body, { authorization: 'Bearer sk-ant-test' });
			const id = res.headers.get('request-id');
			assert.match(id ?? '', /^req_011C\w{20}$/);
			assert.equal((await readJson<ErrorJson>(res)).request_id, id);
			assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
		});
	});
});
