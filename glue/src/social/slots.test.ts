import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SETUP_FILES } from '../content/setup/files.ts';
import {
	DEFAULT_POSTING_SLOTS,
	latestDueSlot,
	parsePostingSlot,
	parsePostingSlots,
	type PostingSlot,
} from './slots.ts';

const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);
const defaults = parsePostingSlots(DEFAULT_POSTING_SLOTS).slots;
const slot = (text: string): PostingSlot => {
	const parsed = parsePostingSlot(text);
	assert.ok(parsed, `test slot ${text}`);
	return parsed;
};

/** Every distinct slot instant a check every 15 minutes sees between two instants. */
function instantsSeen(slots: PostingSlot[], from: number, to: number, catchUpMs = HOUR): string[] {
	const seen = new Set<string>();
	for (let now = from; now < to; now += 15 * MINUTE) {
		const due = latestDueSlot(slots, now, NEW_YORK, catchUpMs);
		if (due) seen.add(due.at.toISOString());
	}
	return [...seen];
}

describe('posting slots', () => {
	describe('parsePostingSlot', () => {
		it('should read a weekday and a 24-hour time in any case, short or long', () => {
			assert.deepEqual(parsePostingSlot('mon 09:00'), {
				weekday: 'mon',
				minuteOfDay: 540,
				label: 'mon 09:00',
			});
			assert.equal(parsePostingSlot('  Thu 18:30 ')?.label, 'thu 18:30');
			assert.equal(parsePostingSlot('sunday 7:05')?.label, 'sun 07:05');
			assert.equal(parsePostingSlot('SAT 23:59')?.minuteOfDay, 23 * 60 + 59);
		});

		it('should refuse anything that is not a weekday and a valid time', () => {
			for (const text of ['', 'mon', '09:00', 'mon 24:00', 'mon 9:60', 'mo 09:00', 'monx 09:00']) {
				assert.equal(parsePostingSlot(text), null, JSON.stringify(text));
			}
		});
	});

	describe('parsePostingSlots', () => {
		it('should drop repeats and return the unreadable entries as written', () => {
			assert.deepEqual(parsePostingSlots(['mon 09:00', 'Mon 9:00', 'daily 9:00', 'thu 18:30']), {
				slots: [slot('mon 09:00'), slot('thu 18:30')],
				invalid: ['daily 9:00'],
			});
		});
	});

	describe('latestDueSlot', () => {
		// 2026-11-23 is a Monday; New York is on EST (UTC-5).
		const monday9 = at('2026-11-23T14:00:00Z');

		it('should make the slot due from its minute until the catch-up window ends', () => {
			assert.equal(latestDueSlot(defaults, monday9 - 1, NEW_YORK, HOUR), null);
			assert.equal(latestDueSlot(defaults, monday9, NEW_YORK, HOUR)?.at.getTime(), monday9);
			assert.equal(
				latestDueSlot(defaults, monday9 + 59 * MINUTE, NEW_YORK, HOUR)?.slot.label,
				'mon 09:00',
			);
			assert.equal(latestDueSlot(defaults, monday9 + HOUR, NEW_YORK, HOUR), null);
		});

		it('should pick the latest when two slots are within the window', () => {
			const slots = [slot('mon 09:00'), slot('mon 09:30')];
			const due = latestDueSlot(slots, monday9 + 40 * MINUTE, NEW_YORK, HOUR);
			assert.equal(due?.slot.label, 'mon 09:30');
		});

		it('should find a slot of the day before when the window reaches back past midnight', () => {
			const late = [slot('sun 23:30')];
			const sunday2330 = at('2026-11-23T04:30:00Z');
			assert.equal(
				latestDueSlot(late, sunday2330 + 45 * MINUTE, NEW_YORK, HOUR)?.at.getTime(),
				sunday2330,
			);
		});

		it('should see each default slot of a week once, at 09:00 local, from checks every 15 minutes', () => {
			const week = instantsSeen(defaults, at('2026-11-23T05:00:00Z'), at('2026-11-30T05:00:00Z'));
			assert.deepEqual(week, ['2026-11-23T14:00:00.000Z', '2026-11-26T14:00:00.000Z']);
		});

		it('should keep 09:00 local across the spring change (13:00 UTC after it, 14:00 before)', () => {
			// Clocks go forward on Sunday 8 March 2026 in New York.
			const seen = instantsSeen(defaults, at('2026-03-02T05:00:00Z'), at('2026-03-13T05:00:00Z'));
			assert.deepEqual(seen, [
				'2026-03-02T14:00:00.000Z',
				'2026-03-05T14:00:00.000Z',
				'2026-03-09T13:00:00.000Z',
				'2026-03-12T13:00:00.000Z',
			]);
		});

		it('should keep 09:00 local across the autumn change (14:00 UTC after it)', () => {
			// Clocks go back on Sunday 1 November 2026 in New York.
			const seen = instantsSeen(defaults, at('2026-10-29T04:00:00Z'), at('2026-11-06T05:00:00Z'));
			assert.deepEqual(seen, [
				'2026-10-29T13:00:00.000Z',
				'2026-11-02T14:00:00.000Z',
				'2026-11-05T14:00:00.000Z',
			]);
		});

		it('should post a slot inside the skipped hour once, at the jump', () => {
			// 02:30 does not happen on 8 March 2026: the clock goes from 01:59 EST to 03:00 EDT (07:00Z).
			const seen = instantsSeen(
				[slot('sun 02:30')],
				at('2026-03-08T05:00:00Z'),
				at('2026-03-08T12:00:00Z'),
			);
			assert.deepEqual(seen, ['2026-03-08T07:00:00.000Z']);
		});

		it('should post a slot inside the repeated hour once, at its first occurrence', () => {
			// 01:30 happens twice on 1 November 2026: 05:30Z (EDT), then 06:30Z (EST). A window wide
			// enough to see both still yields one instant, so one key per platform.
			const seen = instantsSeen(
				[slot('sun 01:30')],
				at('2026-11-01T04:00:00Z'),
				at('2026-11-01T10:00:00Z'),
				3 * HOUR,
			);
			assert.deepEqual(seen, ['2026-11-01T05:30:00.000Z']);
		});

		it('should read the slots in the given zone', () => {
			const madrid = latestDueSlot(defaults, at('2026-11-23T08:00:00Z'), 'Europe/Madrid', HOUR);
			assert.equal(madrid?.at.toISOString(), '2026-11-23T08:00:00.000Z');
		});

		it('should find nothing without slots or without a window', () => {
			assert.equal(latestDueSlot([], monday9, NEW_YORK, HOUR), null);
			assert.equal(latestDueSlot(defaults, monday9, NEW_YORK, 0), null);
		});
	});

	describe('DEFAULT_POSTING_SLOTS', () => {
		// Business info's default_posting_slots is their one home; this fallback (for an empty field)
		// and the field's default in the schema and the seed must say the same.
		it('should match the default of Business info in the Directus schema and the seed', () => {
			const json = (file: URL) => JSON.parse(readFileSync(file, 'utf8'));
			const field = json(SETUP_FILES.snapshot).fields.find(
				(entry: { collection: string; field: string }) =>
					entry.collection === 'business_info' && entry.field === 'default_posting_slots',
			);
			assert.deepEqual(field?.schema.default_value, DEFAULT_POSTING_SLOTS);
			assert.deepEqual(
				json(SETUP_FILES.seed).business_info.default_posting_slots,
				DEFAULT_POSTING_SLOTS,
			);
		});
	});
});
