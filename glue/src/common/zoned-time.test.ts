import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidTimeZoneError } from './invalid-time-zone-error.ts';
import {
	addDays,
	formatInZone,
	instantOf,
	localDateTime,
	offsetAt,
	parseContentDate,
	wallClock,
	weekdayOf,
	zonedInstant,
} from './zoned-time.ts';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const wall = (year: number, month: number, day: number, hour = 0, minute = 0) => ({
	year,
	month,
	day,
	hour,
	minute,
	second: 0,
	millisecond: 0,
});

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
				millisecond: 0,
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

	describe('offsetAt', () => {
		it('should give New York -5 h in winter and -4 h in summer', () => {
			assert.equal(offsetAt(at('2026-01-15T12:00:00Z'), NY), -5 * 3_600_000);
			assert.equal(offsetAt(at('2026-07-15T12:00:00Z'), NY), -4 * 3_600_000);
		});
	});

	describe('instantOf', () => {
		it('should read a wall-clock time in the zone', () => {
			assert.equal(instantOf(wall(2026, 1, 15, 9), NY), at('2026-01-15T14:00:00Z'));
			assert.equal(instantOf(wall(2026, 7, 15, 9), NY), at('2026-07-15T13:00:00Z'));
		});

		it('should move a time in the spring-forward gap past the gap', () => {
			// 2026-03-08 02:30 never happens in New York: clocks jump from 02:00 to 03:00.
			assert.equal(instantOf(wall(2026, 3, 8, 2, 30), NY), at('2026-03-08T07:30:00Z'));
		});

		it('should take the first of the two times in the autumn overlap', () => {
			// 2026-11-01 01:30 happens twice: first in EDT (-4), then in EST (-5).
			assert.equal(instantOf(wall(2026, 11, 1, 1, 30), NY), at('2026-11-01T05:30:00Z'));
		});
	});

	describe('parseContentDate', () => {
		it('should read a value with an offset as that instant, whatever the zone', () => {
			assert.equal(
				parseContentDate('2026-03-01T14:00:00.000Z', NY, 'start'),
				at('2026-03-01T14:00:00Z'),
			);
			assert.equal(
				parseContentDate('2026-03-01T09:00:00-05:00', 'UTC', 'end'),
				at('2026-03-01T14:00:00Z'),
			);
		});

		it("should read a date-time without offset on the business's clock", () => {
			assert.equal(
				parseContentDate('2026-03-01T09:00:00', NY, 'start'),
				at('2026-03-01T14:00:00Z'),
			);
			assert.equal(parseContentDate('2026-03-01 09:00', NY, 'start'), at('2026-03-01T14:00:00Z'));
			assert.equal(
				parseContentDate('2026-03-01T09:00:00', 'Europe/Madrid', 'start'),
				at('2026-03-01T08:00:00Z'),
			);
		});

		it('should make a date-only start the beginning of that day and an end the whole day', () => {
			assert.equal(parseContentDate('2026-03-31', NY, 'start'), at('2026-03-31T04:00:00Z'));
			assert.equal(parseContentDate('2026-03-31', NY, 'end'), at('2026-04-01T04:00:00Z') - 1);
		});

		it('should count a 23-hour day right when its end is a date', () => {
			// 8 March 2026 is the spring-forward day in New York.
			assert.equal(parseContentDate('2026-03-08', NY, 'end'), at('2026-03-09T04:00:00Z') - 1);
			assert.equal(parseContentDate('2026-03-08', NY, 'start'), at('2026-03-08T05:00:00Z'));
		});

		it('should return null for what is not a date', () => {
			for (const value of ['', 'soon', '2026-02-30', '2026-13-01T09:00', '2026-03-01T24:00:00']) {
				assert.equal(parseContentDate(value, NY, 'start'), null, value);
			}
		});
	});

	describe('formatInZone', () => {
		it("should write the instant with the zone's offset at that moment", () => {
			assert.equal(formatInZone(at('2026-03-31T23:59:00-04:00'), NY), '2026-03-31T23:59:00-04:00');
			assert.equal(formatInZone(at('2026-01-15T14:00:00Z'), NY), '2026-01-15T09:00:00-05:00');
			assert.equal(
				formatInZone(at('2026-01-15T14:00:00.250Z'), 'UTC'),
				'2026-01-15T14:00:00.250+00:00',
			);
		});
	});

	describe('localDateTime', () => {
		it('should write the wall clock as Directus stores a dateTime', () => {
			assert.equal(localDateTime(at('2026-01-15T14:00:00Z'), NY), '2026-01-15T09:00:00');
		});
	});
});
