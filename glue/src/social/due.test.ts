import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Promotion } from '../content/schemas.ts';
import { duePromotions, type DueOptions } from './due.ts';
import { DEFAULT_POSTING_SLOTS, parsePostingSlots } from './slots.ts';
import type { RunTrigger } from './trigger.ts';

const NEW_YORK = 'America/New_York';
// Monday 23 November 2026, 09:00 in New York (EST).
const MONDAY_9 = Date.parse('2026-11-23T14:00:00Z');
const MINUTE = 60_000;
const defaultSlots = parsePostingSlots(DEFAULT_POSTING_SLOTS).slots;
const schedule: RunTrigger = { kind: 'schedule', at: null };

const promotion = (overrides: Partial<Promotion> = {}): Promotion => ({
	id: '21',
	title: 'Fibre 500 at half price',
	body: 'Half price for 3 months.',
	imageUrl: 'https://cdn.example.com/fibre.jpg',
	link: 'https://northwind.example/offers/fibre-500',
	startsAt: '2026-11-16T09:00:00-05:00',
	endsAt: '2026-12-31T23:59:00-05:00',
	platforms: ['facebook', 'instagram'],
	postingSlots: [],
	department: null,
	...overrides,
});

const run = (overrides: Partial<DueOptions> = {}) =>
	duePromotions({
		promotions: [promotion()],
		timeZone: NEW_YORK,
		trigger: schedule,
		now: MONDAY_9 + 5 * MINUTE,
		defaultSlots,
		...overrides,
	});

describe('duePromotions', () => {
	describe('on schedule', () => {
		it('should make a live promotion due at its default slot, Monday 09:00 local', () => {
			const { due, problems } = run();
			assert.deepEqual(problems, []);
			assert.equal(due.length, 1);
			assert.equal(due[0]?.slot.toISOString(), '2026-11-23T14:00:00.000Z');
			assert.equal(due[0]?.reason, 'slot');
			assert.equal(due[0]?.slotLabel, 'mon 09:00');
		});

		it('should use the promotion’s own slots instead of the default ones', () => {
			const own = promotion({ postingSlots: ['thu 18:30'] });
			assert.deepEqual(run({ promotions: [own] }).due, []);
			const thursday1840 = Date.parse('2026-11-26T23:40:00Z');
			const { due } = run({ promotions: [own], now: thursday1840 });
			assert.equal(due[0]?.slot.toISOString(), '2026-11-26T23:30:00.000Z');
			assert.equal(due[0]?.slotLabel, 'thu 18:30');
		});

		it('should never make an expired or a not yet started promotion due', () => {
			const expired = promotion({ id: '22', endsAt: '2026-11-22T23:59:00-05:00' });
			const future = promotion({ id: '23', startsAt: '2026-11-24T00:00:00-05:00' });
			assert.deepEqual(run({ promotions: [expired, future] }).due, []);
		});

		it('should not post a slot that came before the promotion started', () => {
			const late = promotion({ startsAt: '2026-11-23T09:02:00-05:00' });
			assert.deepEqual(run({ promotions: [late] }).due, []);
		});

		it('should not post at all when the promotion names no platform', () => {
			assert.deepEqual(run({ promotions: [promotion({ platforms: [] })] }).due, []);
		});

		it('should report unreadable slots and not fall back to the default ones', () => {
			const broken = promotion({ postingSlots: ['every monday'] });
			const { due, problems } = run({ promotions: [broken] });
			assert.deepEqual(due, []);
			assert.equal(problems.length, 1);
			assert.match(problems[0]!.message, /"every monday".*not posted on schedule/);
		});

		it('should keep the readable slots when only some are broken', () => {
			const mixed = promotion({ postingSlots: ['mon 09:00', 'mon 9am'] });
			const { due, problems } = run({ promotions: [mixed] });
			assert.equal(due.length, 1);
			assert.match(problems[0]!.message, /the others still apply/);
		});

		it('should post nothing after the catch-up window', () => {
			assert.deepEqual(run({ now: MONDAY_9 + 61 * MINUTE }).due, []);
			assert.equal(run({ now: MONDAY_9 + 61 * MINUTE, catchUpMs: 2 * 60 * MINUTE }).due.length, 1);
		});

		it('should check as of an earlier time when asked, for promotions live now', () => {
			const trigger: RunTrigger = { kind: 'schedule', at: new Date(MONDAY_9) };
			const { due } = run({ trigger, now: MONDAY_9 + 2 * 24 * 60 * MINUTE });
			assert.equal(due[0]?.slot.getTime(), MONDAY_9);
		});
	});

	describe('on a "promotion.published" event', () => {
		const published = (promotionId: string): RunTrigger => ({ kind: 'published', promotionId });

		it('should post a live promotion at once, under its launch slot (its start)', () => {
			const { due } = run({ trigger: published('21'), now: MONDAY_9 + 3 * 60 * MINUTE });
			assert.equal(due.length, 1);
			assert.equal(due[0]?.reason, 'published');
			assert.equal(due[0]?.slotLabel, 'launch');
			assert.equal(due[0]?.slot.toISOString(), '2026-11-16T14:00:00.000Z');
		});

		it('should give the same slot to a repeated event, so it posts once', () => {
			const first = run({ trigger: published('21'), now: MONDAY_9 });
			const again = run({ trigger: published('21'), now: MONDAY_9 + 24 * 60 * MINUTE });
			assert.equal(first.due[0]?.slot.getTime(), again.due[0]?.slot.getTime());
		});

		it('should post nothing for a promotion that is not live or not listed', () => {
			const future = promotion({ startsAt: '2026-12-01T00:00:00-05:00' });
			assert.deepEqual(run({ trigger: published('21'), promotions: [future] }).due, []);
			assert.deepEqual(run({ trigger: published('99') }).due, []);
		});
	});

	it('should post nothing on a "promotion.changed" event', () => {
		assert.deepEqual(run({ trigger: { kind: 'changed', promotionId: '21' } }), {
			due: [],
			problems: [],
		});
	});
});
