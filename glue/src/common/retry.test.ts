import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delayFor, parseRetryAfter, retriesLeft, withRetry, type RetryPolicy } from './retry.ts';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const top = () => 1;
const bottom = () => 0;

describe('retry', () => {
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
			for (const value of [undefined, '', 'soon', ['1']]) {
				assert.equal(parseRetryAfter(value), null);
			}
		});
	});

	describe('delayFor', () => {
		it('should double the delay after each failure, up to the maximum', () => {
			assert.deepEqual(
				[1, 2, 3, 4, 5].map((failed) => delayFor(policy, failed, null, top)),
				[100, 200, 400, 800, 1000],
			);
		});

		it('should jitter within the upper half of the step', () => {
			assert.equal(delayFor(policy, 2, null, bottom), 100);
			assert.equal(
				delayFor(policy, 3, null, () => 0.5),
				300,
			);
		});

		it('should treat 0 failures like the first, and never overflow', () => {
			assert.equal(delayFor(policy, 0, null, top), 100);
			assert.equal(delayFor(policy, 10_000, null, top), 1000);
			assert.equal(delayFor({ ...policy, baseDelayMs: 0 }, 10_000, null, top), 0);
		});

		it('should wait at least what Retry-After says, capped at the maximum', () => {
			assert.equal(delayFor(policy, 1, 700, top), 700);
			assert.equal(delayFor(policy, 1, 60_000, top), 1000);
			assert.equal(delayFor(policy, 4, 10, top), 800, 'a shorter Retry-After keeps the backoff');
		});
	});

	describe('retriesLeft', () => {
		it('should allow attempts up to the policy, the first included', () => {
			assert.deepEqual(
				[1, 2, 3, 4].map((failed) => retriesLeft(policy, failed)),
				[true, true, true, false],
			);
		});
	});

	describe('withRetry', () => {
		const failing = (failures: unknown[]) => {
			let calls = 0;
			const attempt = async (n: number) => {
				calls += 1;
				assert.equal(n, calls);
				const failure = failures.shift();
				if (failure !== undefined) throw failure;
				return `ok after ${calls}`;
			};
			return { attempt, calls: () => calls };
		};
		const options = (slept: number[]) => ({
			retryable: (error: unknown) => error instanceof Error && error.message !== 'fatal',
			sleep: async (ms: number) => {
				slept.push(ms);
			},
			random: top,
		});

		it('should retry a retryable failure with growing waits and return the result', async () => {
			const slept: number[] = [];
			const { attempt } = failing([new Error('busy'), new Error('busy')]);
			assert.equal(await withRetry(policy, attempt, options(slept)), 'ok after 3');
			assert.deepEqual(slept, [100, 200]);
		});

		it('should rethrow the last failure once the attempts are spent', async () => {
			const slept: number[] = [];
			const last = new Error('busy 4');
			const run = failing([new Error('1'), new Error('2'), new Error('3'), last]);
			await assert.rejects(
				withRetry(policy, run.attempt, options(slept)),
				(error) => error === last,
			);
			assert.equal(run.calls(), 4);
			assert.deepEqual(slept, [100, 200, 400]);
		});

		it('should rethrow a failure that is not retryable at once', async () => {
			const slept: number[] = [];
			const run = failing([new Error('fatal')]);
			await assert.rejects(withRetry(policy, run.attempt, options(slept)), /fatal/);
			assert.equal(run.calls(), 1);
			assert.deepEqual(slept, []);
		});

		it("should honour the failure's Retry-After and tell onRetry", async () => {
			const slept: number[] = [];
			const told: [string, number, number][] = [];
			const run = failing([Object.assign(new Error('throttled'), { after: 900 })]);
			await withRetry(policy, run.attempt, {
				...options(slept),
				retryAfterMs: (error) => (error as { after?: number }).after ?? null,
				onRetry: (error, failed, delayMs) => told.push([(error as Error).message, failed, delayMs]),
			});
			assert.deepEqual(slept, [900]);
			assert.deepEqual(told, [['throttled', 1, 900]]);
		});
	});
});
