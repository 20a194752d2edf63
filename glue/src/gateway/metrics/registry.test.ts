import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Histogram, Registry } from './registry.ts';

describe('registry', () => {
	describe('Counter', () => {
		it('should show every initial label set at 0 and count per label set', () => {
			const counter = new Counter<'reason'>('x_total', 'Things.', [
				{ reason: 'a' },
				{ reason: 'b' },
			]);
			counter.inc({ reason: 'b' });
			counter.inc({ reason: 'c' }, 2);
			assert.deepEqual(counter.render(), [
				'# HELP x_total Things.',
				'# TYPE x_total counter',
				'x_total{reason="a"} 0',
				'x_total{reason="b"} 1',
				'x_total{reason="c"} 2',
			]);
			assert.equal(counter.get({ reason: 'c' }), 2);
		});

		it('should render an unlabelled counter from 0', () => {
			const counter = new Counter('y_total', 'Y.');
			assert.equal(counter.render().at(-1), 'y_total 0');
			counter.inc();
			assert.equal(counter.get(), 1);
		});

		it('should escape backslashes, quotes and newlines in label values', () => {
			const counter = new Counter<'v'>('z_total', 'Z.', []);
			counter.inc({ v: 'a"b\\c\nd' });
			assert.equal(counter.render().at(-1), 'z_total{v="a\\"b\\\\c\\nd"} 1');
		});

		it('should refuse to go down', () => {
			assert.throws(() => new Counter('w_total', 'W.').inc(undefined, -1), RangeError);
		});
	});

	describe('Histogram', () => {
		it('should render cumulative buckets, +Inf, sum and count', () => {
			const histogram = new Histogram('h_seconds', 'H.', [0.1, 1]);
			for (const value of [0.05, 0.5, 5]) histogram.observe(value);
			assert.deepEqual(histogram.render().slice(2), [
				'h_seconds_bucket{le="0.1"} 1',
				'h_seconds_bucket{le="1"} 2',
				'h_seconds_bucket{le="+Inf"} 3',
				'h_seconds_sum 5.55',
				'h_seconds_count 3',
			]);
		});
	});

	describe('Registry', () => {
		it('should render every metric, ending with a newline', () => {
			const registry = new Registry();
			registry.register(new Counter('a_total', 'A.'));
			registry.register(new Counter('b_total', 'B.'));
			const text = registry.render();
			assert.ok(text.endsWith('\n'));
			assert.deepEqual(
				text.split('\n').filter((line) => !line.startsWith('#') && line),
				['a_total 0', 'b_total 0'],
			);
		});
	});
});
