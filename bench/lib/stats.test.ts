import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMs, openLoopSchedule, percentile, ratePerSecond, summarize } from './stats.ts';

describe('bench stats', () => {
	describe('percentile', () => {
		it('should pick the nearest rank without interpolating', () => {
			const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
			assert.equal(percentile(values, 50), 5);
			assert.equal(percentile(values, 90), 9);
			assert.equal(percentile(values, 99), 10);
			assert.equal(percentile(values, 100), 10);
			assert.equal(percentile(values, 1), 1);
		});

		it('should return the only value for a single sample and null for none', () => {
			assert.equal(percentile([42], 99), 42);
			assert.equal(percentile([], 50), null);
		});

		it('should throw when p is outside (0, 100]', () => {
			assert.throws(() => percentile([1], 0), RangeError);
			assert.throws(() => percentile([1], 101), RangeError);
			assert.throws(() => percentile([1], Number.NaN), RangeError);
		});
	});

	describe('summarize', () => {
		it('should count failures as infinitely slow so p99 shows them when over 1% failed', () => {
			const latencies = [...Array.from({ length: 97 }, () => 10), 20, Infinity, Number.NaN];
			const summary = summarize(latencies);
			assert.equal(summary.count, 100);
			assert.equal(summary.ok, 98);
			assert.equal(summary.failed, 2);
			assert.equal(summary.p50, 10);
			assert.equal(summary.p99, Infinity);
			assert.equal(summary.max, Infinity);
			assert.ok(Math.abs(summary.meanOk! - (97 * 10 + 20) / 98) < 1e-9);
		});

		it('should not reorder the caller array and give nulls for no samples', () => {
			const latencies = [3, 1, 2];
			assert.equal(summarize(latencies).p50, 2);
			assert.deepEqual(latencies, [3, 1, 2]);
			assert.deepEqual(summarize([]), {
				count: 0,
				ok: 0,
				failed: 0,
				p50: null,
				p90: null,
				p99: null,
				max: null,
				meanOk: null,
			});
		});
	});

	describe('ratePerSecond', () => {
		it('should scale events per ms window to per second, and give 0 for an empty window', () => {
			assert.equal(ratePerSecond(500, 2500), 200);
			assert.equal(ratePerSecond(10, 0), 0);
			assert.equal(ratePerSecond(10, -5), 0);
		});
	});

	describe('openLoopSchedule', () => {
		it('should space requests evenly and end strictly before the duration', () => {
			assert.deepEqual(openLoopSchedule(4, 1000), [0, 250, 500, 750]);
			assert.equal(openLoopSchedule(200, 10_000).length, 2000);
			assert.equal(openLoopSchedule(3, 500).length, 1);
		});

		it('should throw for a rate that is not positive', () => {
			assert.throws(() => openLoopSchedule(0, 1000), RangeError);
		});
	});

	describe('formatMs', () => {
		it('should show a dash for no sample, fail for a failure, and round by size', () => {
			assert.equal(formatMs(null), '–');
			assert.equal(formatMs(Infinity), 'fail');
			assert.equal(formatMs(3.14159), '3.1');
			assert.equal(formatMs(123.6), '124');
		});
	});
});
