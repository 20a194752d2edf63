import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtlCache } from './ttl-cache.ts';

function manualClock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
	it('should reuse a value until the ttl has passed', async () => {
		const clock = manualClock();
		const cache = new TtlCache({ ttlMs: 60_000, clock });
		let loads = 0;
		const load = async () => ++loads;
		assert.equal(await cache.get('k', load), 1);
		clock.advance(59_999);
		assert.equal(await cache.get('k', load), 1);
		clock.advance(1);
		assert.equal(await cache.get('k', load), 2);
	});

	it('should share one load between concurrent callers', async () => {
		const cache = new TtlCache({ ttlMs: 1000, clock: manualClock() });
		let loads = 0;
		const load = async () => {
			loads++;
			await new Promise((resolve) => setImmediate(resolve));
			return 'v';
		};
		assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load)]), ['v', 'v']);
		assert.equal(loads, 1);
	});

	it('should not keep a failed load, so the next call tries again', async () => {
		const cache = new TtlCache({ ttlMs: 60_000, clock: manualClock() });
		await assert.rejects(
			cache.get('k', () => Promise.reject(new Error('down'))),
			/down/,
		);
		assert.equal(await cache.get('k', async () => 'up'), 'up');
	});

	it('should load every time when the ttl is 0', async () => {
		const cache = new TtlCache({ ttlMs: 0, clock: manualClock() });
		let loads = 0;
		await cache.get('k', async () => ++loads);
		await cache.get('k', async () => ++loads);
		assert.equal(loads, 2);
	});

	it('should forget everything on clear', async () => {
		const cache = new TtlCache({ ttlMs: 60_000, clock: manualClock() });
		await cache.get('k', async () => 'old');
		cache.clear();
		assert.equal(await cache.get('k', async () => 'new'), 'new');
	});

	it('should refuse a negative ttl', () => {
		assert.throws(() => new TtlCache({ ttlMs: -1 }), RangeError);
	});
});
