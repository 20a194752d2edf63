import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs } from './backoff.ts';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('backoff', () => {
	describe('backoffDelayMs', () => {
		it('should double from the base after each failed attempt', () => {
			const top = () => 1;
			assert.deepEqual(
				[1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, policy, top)),
				[1000, 2000, 4000, 8000],
			);
		});

		it('should jitter within the upper half', () => {
			assert.equal(
				backoffDelayMs(3, policy, () => 0),
				2000,
			);
			assert.equal(
				backoffDelayMs(3, policy, () => 0.5),
				3000,
			);
		});

		it('should never exceed the cap, however many attempts failed', () => {
			assert.equal(
				backoffDelayMs(10_000, policy, () => 1),
				60_000,
			);
		});

		it('should treat attempt 0 like the first', () => {
			assert.equal(
				backoffDelayMs(0, policy, () => 1),
				1000,
			);
		});
	});
});
