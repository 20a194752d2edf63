import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianOfCounts } from './median.ts';
import { medianQuery, mediansPerDay } from './medians-per-day.ts';

describe('medianOfCounts', () => {
	it('should take the middle value of an odd total, counting repeats', () => {
		assert.equal(
			medianOfCounts([
				{ value: 300, count: 1 },
				{ value: 100, count: 1 },
				{ value: 200, count: 1 },
			]),
			200,
		);
		assert.equal(
			medianOfCounts([
				{ value: 10, count: 4 },
				{ value: 1000, count: 3 },
			]),
			10,
		);
	});

	it('should average the two middle values of an even total', () => {
		assert.equal(
			medianOfCounts([
				{ value: 50, count: 1 },
				{ value: 70, count: 1 },
			]),
			60,
		);
		assert.equal(
			medianOfCounts([
				{ value: 1, count: 2 },
				{ value: 3, count: 2 },
			]),
			2,
		);
	});

	it('should have no median without values', () => {
		assert.equal(medianOfCounts([]), null);
		assert.equal(medianOfCounts([{ value: 5, count: 0 }]), null);
	});
});

describe('mediansPerDay', () => {
	// Rows as the REST API answers a query grouped by year(), month(), day() and the value.
	const row = (day: string, latency: number, count: number) => ({
		created_at_year: '2026',
		created_at_month: '3',
		created_at_day: day,
		latency_ms: latency,
		count: { latency_ms: String(count) },
	});

	it('should give each day its median, newest first, and the median of the whole period', () => {
		const rows = [row('9', 50, 1), row('9', 70, 1), row('10', 100, 2), row('10', 300, 1)];
		assert.deepEqual(mediansPerDay(rows, 'latency_ms', 'created_at'), {
			days: [
				{ day: '2026-03-10', median: 100, count: 3 },
				{ day: '2026-03-09', median: 60, count: 2 },
			],
			overall: 100,
		});
	});

	it('should read the rows the Studio gets from GraphQL, grouped values nested in "group"', () => {
		const rows = [
			{
				group: {
					created_at_year: '2026',
					created_at_month: '11',
					created_at_day: '22',
					latency_ms: 100,
				},
				count: { latency_ms: 1 },
			},
			{
				group: {
					created_at_year: '2026',
					created_at_month: '11',
					created_at_day: '22',
					latency_ms: 300,
				},
				count: { latency_ms: 2 },
			},
		];
		assert.deepEqual(mediansPerDay(rows, 'latency_ms', 'created_at'), {
			days: [{ day: '2026-11-22', median: 300, count: 3 }],
			overall: 300,
		});
	});

	it('should skip rows without a number', () => {
		assert.deepEqual(
			mediansPerDay([{ ...row('9', 0, 1), latency_ms: null }], 'latency_ms', 'created_at').days,
			[],
		);
	});
});

describe('medianQuery', () => {
	it('should group by day and value and count, within the period and any extra filter', () => {
		assert.deepEqual(
			medianQuery({
				valueField: 'latency_ms',
				dateField: 'created_at',
				range: '7 days',
				filter: { department: { _eq: 'sales' } },
			}),
			{
				group: ['year(created_at)', 'month(created_at)', 'day(created_at)', 'latency_ms'],
				aggregate: { count: ['latency_ms'] },
				filter: {
					_and: [
						{ created_at: { _gte: '$NOW(-7 days)' } },
						{ latency_ms: { _nnull: true } },
						{ department: { _eq: 'sales' } },
					],
				},
				limit: -1,
			},
		);
	});
});
