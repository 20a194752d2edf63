import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRetryable, parseRetryAfter, retryDelayMs } from './retry.ts';

const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retry', () => {
	describe('isRetryable', () => {
		it('should retry 429 and gateway errors for any request', () => {
			for (const status of [429, 502, 503, 504]) assert.equal(isRetryable(status, false), true);
		});

		it('should retry a 500 only when the request is safe to repeat', () => {
			assert.equal(isRetryable(500, true), true);
			assert.equal(isRetryable(500, false), false);
		});

		it('should not retry client errors', () => {
			for (const status of [400, 401, 404, 422]) assert.equal(isRetryable(status, true), false);
		});
	});

	describe('parseRetryAfter', () => {
		it('should read delta-seconds, fractions included', () => {
			assert.equal(parseRetryAfter('2'), 2000);
			assert.equal(parseRetryAfter('0.5'), 500);
		});

		it('should read an HTTP date relative to now, never below zero', () => {
			const now = Date.parse('Wed, 17 Jun 2026 15:00:00 GMT');
			assert.equal(parseRetryAfter('Wed, 17 Jun 2026 15:00:03 GMT', now), 3000);
			assert.equal(parseRetryAfter('Wed, 17 Jun 2026 14:00:00 GMT', now), 0);
		});

		it('should give null for an absent, empty or unreadable value', () => {
			for (const value of [undefined, '', 'soon', ['1']])
				assert.equal(parseRetryAfter(value), null);
		});
	});

	describe('retryDelayMs', () => {
		it('should double the delay each attempt, up to the maximum', () => {
			const top = () => 1;
			assert.deepEqual(
				[0, 1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, null, policy, top)),
				[100, 200, 400, 800, 1000],
			);
		});

		it('should jitter down to half the step', () => {
			assert.equal(
				retryDelayMs(1, null, policy, () => 0),
				100,
			);
		});

		it('should wait what Retry-After says, capped at the maximum', () => {
			assert.equal(retryDelayMs(0, 700, policy), 700);
			assert.equal(retryDelayMs(0, 60_000, policy), 1000);
		});
	});
});
