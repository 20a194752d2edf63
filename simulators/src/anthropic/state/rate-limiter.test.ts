import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSimulator } from '../testing.ts';
import { RateLimiter } from './rate-limiter.ts';

const limits = { requestsPerMinute: 2, inputTokensPerMinute: 1_000, outputTokensPerMinute: 500 };

describe('RateLimiter', () => {
	describe('admit', () => {
		it('should refuse the request past the per-minute count and say when the window reopens', () => {
			const limiter = new RateLimiter(limits);
			assert.equal(limiter.admit(10, 0).ok, true);
			assert.equal(limiter.admit(10, 1_000).ok, true);
			assert.deepEqual(limiter.admit(10, 15_000), {
				ok: false,
				retryAfterSeconds: 45,
				message: 'Number of requests has exceeded your per-minute rate limit',
			});
			assert.equal(limiter.admit(10, 60_000).ok, true);
		});

		it('should refuse a request whose input tokens would pass the budget', () => {
			const limiter = new RateLimiter(limits);
			assert.equal(limiter.admit(900, 0).ok, true);
			const verdict = limiter.admit(200, 0);
			assert.equal(verdict.ok, false);
			assert.match(verdict.ok ? '' : verdict.message, /request tokens/);
		});
	});

	describe('headers', () => {
		it('should report limits, what remains and an RFC 3339 reset time', () => {
			const limiter = new RateLimiter(limits);
			limiter.admit(300, Date.UTC(2026, 10, 20, 10, 0, 0));
			limiter.recordOutput(100);
			const headers = limiter.headers(Date.UTC(2026, 10, 20, 10, 0, 30));
			assert.equal(headers['anthropic-ratelimit-requests-remaining'], '1');
			assert.equal(headers['anthropic-ratelimit-input-tokens-remaining'], '700');
			assert.equal(headers['anthropic-ratelimit-output-tokens-remaining'], '400');
			assert.equal(headers['anthropic-ratelimit-tokens-limit'], '1500');
			assert.equal(headers['anthropic-ratelimit-tokens-remaining'], '1100');
			assert.equal(headers['anthropic-ratelimit-requests-reset'], '2026-11-20T10:01:00Z');
		});
	});

	describe('through the simulator', () => {
		it('should answer 429 rate_limit_error with retry-after as a RateLimitError when the budget is spent', async () => {
			const t = await startSimulator({ rateLimits: { requestsPerMinute: 1 } });
			try {
				const ask = {
					model: 'claude-haiku-4-5',
					max_tokens: 50,
					messages: [{ role: 'user' as const, content: 'hi' }],
				};
				await t.client().messages.create(ask);
				const err = await t
					.client()
					.messages.create(ask)
					.catch((e: unknown) => e);
				assert.ok(err instanceof Anthropic.RateLimitError);
				assert.equal(err.apiMessage, 'Number of requests has exceeded your per-minute rate limit');
				assert.match(err.headers?.get('retry-after') ?? '', /^\d+$/);
				assert.equal(err.headers?.get('anthropic-ratelimit-requests-remaining'), '0');
			} finally {
				await t.server.close();
			}
		});
	});
});
