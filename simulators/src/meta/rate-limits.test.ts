import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlidingWindowCounter, TokenBuckets } from './rate-limits.ts';

describe('rate-limits', () => {
	describe('SlidingWindowCounter', () => {
		it('should refuse the hit over the limit and not count it', () => {
			const counter = new SlidingWindowCounter();
			assert.equal(counter.tryHit('n', 0, 2, 1000), true);
			assert.equal(counter.tryHit('n', 10, 2, 1000), true);
			assert.equal(counter.tryHit('n', 20, 2, 1000), false);
			assert.equal(counter.count('n', 20, 1000), 2);
		});

		it('should allow again once the oldest hit leaves the window', () => {
			const counter = new SlidingWindowCounter();
			counter.tryHit('n', 0, 1, 1000);
			assert.equal(counter.tryHit('n', 999, 1, 1000), false);
			assert.equal(counter.tryHit('n', 1000, 1, 1000), true);
		});

		it('should keep keys apart', () => {
			const counter = new SlidingWindowCounter();
			counter.tryHit('a', 0, 1, 1000);
			assert.equal(counter.tryHit('b', 0, 1, 1000), true);
		});
	});

	describe('TokenBuckets', () => {
		it('should allow a burst up to capacity, then one per refill period', () => {
			const buckets = new TokenBuckets();
			for (let i = 0; i < 3; i += 1) assert.equal(buckets.tryTake('pair', 0, 3, 6000), true);
			assert.equal(buckets.tryTake('pair', 0, 3, 6000), false);
			assert.equal(buckets.tryTake('pair', 5999, 3, 6000), false);
			assert.equal(buckets.tryTake('pair', 6000, 3, 6000), true);
			assert.equal(buckets.tryTake('pair', 6000, 3, 6000), false);
		});

		it('should never refill above capacity after a long pause', () => {
			const buckets = new TokenBuckets();
			buckets.tryTake('pair', 0, 2, 1000);
			assert.equal(buckets.tryTake('pair', 1_000_000, 2, 1000), true);
			assert.equal(buckets.tryTake('pair', 1_000_000, 2, 1000), true);
			assert.equal(buckets.tryTake('pair', 1_000_000, 2, 1000), false);
		});
	});
});
