import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anthropicFault } from './index.ts';
import { startSimulator, type TestSimulator } from './testing.ts';

const ask = {
	model: 'claude-haiku-5-5',
	max_tokens: 100,
	messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('anthropicFault', () => {
	let t: TestSimulator;

	before(async () => {
		t = await startSimulator();
	});
	after(() => t.server.close());
	beforeEach(() => t.reset());

	const inject = (fault: unknown) => t.post('/__sim/faults', fault);

	it('should let the SDK retry through two 529s with retry-after and succeed on the third attempt', async () => {
		// retry-after-ms is read before retry-after and keeps the test fast; retry-after stays as the API sends it.
		await inject(anthropicFault(529, { times: 2, headers: { 'retry-after-ms': '10' } }));
		const message = await t.client({ maxRetries: 2 }).messages.create(ask);
		assert.equal(message.type, 'message');
		const attempts = await t.requests('/v1/messages');
		assert.deepEqual(
			attempts.map((r) => [r.status, r.headers['x-stainless-retry-count']]),
			[
				[529, '0'],
				[529, '1'],
				[200, '2'],
			],
		);
	});

	it('should surface an OverloadedError with the real body and request id when retries run out', async () => {
		await inject(anthropicFault(529, { times: 5, headers: { 'retry-after-ms': '1' } }));
		const err = await t
			.client({ maxRetries: 1 })
			.messages.create(ask)
			.catch((e: unknown) => e);
		assert.ok(err instanceof Anthropic.InternalServerError);
		assert.equal(err.status, 529);
		assert.equal(err.type, 'overloaded_error');
		assert.equal(err.apiMessage, 'Overloaded');
		assert.match(err.requestID ?? '', /^req_/);
		assert.equal(err.headers?.get('retry-after'), '1');
		assert.equal((await t.requests('/v1/messages')).length, 2);
	});

	it('should give a 429 the rate_limit_error body as a RateLimitError', async () => {
		await inject(anthropicFault(429, { times: 1 }));
		await assert.rejects(
			t.client().messages.create(ask),
			(err) => err instanceof Anthropic.RateLimitError && err.type === 'rate_limit_error',
		);
	});
});
