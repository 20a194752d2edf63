import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidTimeZoneError } from './invalid-time-zone-error.ts';
import { addDays, wallClock, weekdayOf, zonedInstant } from './zoned-time.ts';

describe('zoned-time', () => {
	describe('wallClock', () => {
		it('should read the local weekday and time in the zone, not in UTC', () => {
			const clock = wallClock(new Date('2026-06-01T07:00:00Z'), 'Europe/Madrid');
			assert.deepEqual(clock, {
				year: 2026,
				month: 6,
				day: 1,
				hour: 9,
				minute: 0,
				second: 0,
				weekday: 'mon',
			});
		});

		it('should read midnight as hour 0 and roll the date back west of UTC', () => {
			const clock = wallClock(new Date('2026-06-01T04:00:00Z'), 'America/New_York');
			assert.equal(clock.hour, 0);
			assert.equal(clock.weekday, 'mon');
			const before = wallClock(new Date('2026-06-01T03:59:00Z'), 'America/New_York');
			assert.equal(before.weekday, 'sun');
			assert.equal(before.hour, 23);
		});

		it('should throw InvalidTimeZoneError for a zone the runtime does not know', () => {
			assert.throws(() => wallClock(new Date(), 'Mars/Olympus_Mons'), InvalidTimeZoneError);
		});

		it('should throw a TypeError for an invalid date', () => {
			assert.throws(() => wallClock(new Date(Number.NaN), 'Europe/Madrid'), TypeError);
		});
	});

	describe('zonedInstant', () => {
		const cases: [string, string, string, number, string][] = [
			['summer time', 'Europe/Madrid', '2026-06-01', 9 * 60, '2026-06-01T07:00:00.000Z'],
			['winter time', 'Europe/Madrid', '2026-01-05', 9 * 60, '2026-01-05T08:00:00.000Z'],
			['a zone west of UTC', 'America/New_York', '2026-06-01', 9 * 60, '2026-06-01T13:00:00.000Z'],
			['a zone without DST', 'Asia/Tokyo', '2026-03-29', 2 * 60 + 30, '2026-03-28T17:30:00.000Z'],
			// Clocks jump 02:00 → 03:00: 02:30 does not exist, so the moment of the jump.
			['a time the clocks skip', 'Europe/Madrid', '2026-03-29', 150, '2026-03-29T01:00:00.000Z'],
			['a skipped time in NY', 'America/New_York', '2026-03-08', 150, '2026-03-08T07:00:00.000Z'],
			// Clocks go 03:00 → 02:00: 02:30 happens twice, the first (still summer time) counts.
			['a time that happens twice', 'Europe/Madrid', '2026-10-25', 150, '2026-10-25T00:30:00.000Z'],
			['just after the repeat', 'Europe/Madrid', '2026-10-25', 3 * 60, '2026-10-25T02:00:00.000Z'],
			[
				'a half-hour DST zone',
				'Australia/Lord_Howe',
				'2026-10-04',
				2 * 60 + 15,
				'2026-10-03T15:30:00.000Z',
			],
		];
		for (const [label, zone, day, minute, expected] of cases) {
			it(`should find the instant for ${label}`, () => {
				const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
				assert.equal(
					zonedInstant({ year, month, day: date }, minute, zone).toISOString(),
					expected,
				);
			});
		}
	});

	describe('calendar helpers', () => {
		it('should add days across month and year ends', () => {
			assert.deepEqual(addDays({ year: 2026, month: 12, day: 30 }, 3), {
				year: 2027,
				month: 1,
				day: 2,
			});
			assert.deepEqual(addDays({ year: 2028, month: 2, day: 28 }, 1), {
				year: 2028,
				month: 2,
				day: 29,
			});
		});

		it('should name the weekday of a calendar date', () => {
			assert.equal(weekdayOf({ year: 2026, month: 6, day: 1 }), 'mon');
			assert.equal(weekdayOf({ year: 2026, month: 6, day: 7 }), 'sun');
		});
	});
});
