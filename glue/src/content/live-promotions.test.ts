import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLive, livePromotions } from './live-promotions.ts';
import type { TimedPromotion } from './records.ts';

const timed = (
	id: string,
	starts: string,
	ends: string,
	department: string | null = null,
): TimedPromotion => ({
	promotion: {
		id,
		title: id,
		body: 'b',
		imageUrl: null,
		link: null,
		startsAt: starts,
		endsAt: ends,
		platforms: [],
		postingSlots: [],
		department,
	},
	startsAtMs: Date.parse(starts),
	endsAtMs: Date.parse(ends),
});

const now = Date.parse('2026-03-15T12:00:00Z');

describe('live-promotions', () => {
	describe('isLive', () => {
		it('should count the first and the last moment as live', () => {
			assert.equal(isLive(timed('a', '2026-03-15T12:00:00Z', '2026-03-20T00:00:00Z'), now), true);
			assert.equal(isLive(timed('a', '2026-03-01T00:00:00Z', '2026-03-15T12:00:00Z'), now), true);
		});

		it('should not count a promotion that has not started, has ended, or ends before it starts', () => {
			assert.equal(isLive(timed('a', '2026-03-15T12:00:01Z', '2026-03-20T00:00:00Z'), now), false);
			assert.equal(isLive(timed('a', '2026-03-01T00:00:00Z', '2026-03-15T11:59:59Z'), now), false);
			assert.equal(isLive(timed('a', '2026-03-16T00:00:00Z', '2026-03-14T00:00:00Z'), now), false);
		});
	});

	describe('livePromotions', () => {
		const all = [
			timed('everyone', '2026-03-01T00:00:00Z', '2026-03-30T00:00:00Z'),
			timed('sales-soon-ending', '2026-03-01T00:00:00Z', '2026-03-16T00:00:00Z', 'sales'),
			timed('billing', '2026-03-01T00:00:00Z', '2026-03-30T00:00:00Z', 'billing'),
			timed('expired', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 'sales'),
		];

		it("should give a department its own and everyone's, soonest-ending first", () => {
			assert.deepEqual(
				livePromotions(all, now, 'sales').map((p) => p.id),
				['sales-soon-ending', 'everyone'],
			);
		});

		it('should give all live ones when no department is asked for', () => {
			assert.deepEqual(
				livePromotions(all, now).map((p) => p.id),
				['sales-soon-ending', 'everyone', 'billing'],
			);
		});
	});
});
