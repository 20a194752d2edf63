import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	formatInZone,
	instantOf,
	localDateTime,
	offsetAt,
	parseContentDate,
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
