import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpeningHours } from '../content/schemas.ts';
import { effectiveHours, isOpen, nextOpening } from './opening-hours.ts';
import { InvalidTimeZoneError } from '../common/invalid-time-zone-error.ts';
import { business, department, OFFICE_HOURS, ROUND_THE_CLOCK } from './test-fixtures.ts';

const MADRID = 'Europe/Madrid';
const at = (iso: string) => new Date(iso);
/** Friday 22:00 through Saturday 06:00, written as the schema allows: two intervals. */
const NIGHT_SHIFT: OpeningHours = {
	fri: [{ open: '22:00', close: '23:59' }],
	sat: [{ open: '00:00', close: '06:00' }],
};

describe('opening-hours', () => {
	describe('isOpen', () => {
		// 2026-06-01 is a Monday; Madrid is UTC+2 in June.
		const cases: [string, OpeningHours, string, boolean][] = [
			['at the opening minute', OFFICE_HOURS, '2026-06-01T07:00:00Z', true],
			['a second before opening', OFFICE_HOURS, '2026-06-01T06:59:59Z', false],
			['a second before closing', OFFICE_HOURS, '2026-06-01T15:59:59Z', true],
			['at the closing minute', OFFICE_HOURS, '2026-06-01T16:00:00Z', false],
			['on a day with shorter hours', OFFICE_HOURS, '2026-06-06T11:00:00Z', true],
			['on a closed day', OFFICE_HOURS, '2026-06-07T10:00:00Z', false],
			['in an overnight shift before midnight', NIGHT_SHIFT, '2026-06-05T21:59:30Z', true],
			['in the last minute before midnight', NIGHT_SHIFT, '2026-06-05T21:59:59Z', true],
			['in an overnight shift after midnight', NIGHT_SHIFT, '2026-06-06T01:00:00Z', true],
			['after an overnight shift', NIGHT_SHIFT, '2026-06-06T04:00:00Z', false],
			['in a week with no hours at all', {}, '2026-06-01T10:00:00Z', false],
			['round the clock', ROUND_THE_CLOCK, '2026-06-07T03:00:00Z', true],
			// 2026-03-29: Madrid jumps 02:00 → 03:00; 08:00Z is 10:00 local after the jump.
			['on the DST day, in local time', OFFICE_HOURS, '2026-03-30T07:00:00Z', true],
			['the hour before on the DST Monday', OFFICE_HOURS, '2026-03-30T06:30:00Z', false],
		];
		for (const [label, hours, instant, expected] of cases) {
			it(`should say ${expected ? 'open' : 'closed'} ${label}`, () => {
				assert.equal(isOpen(hours, MADRID, at(instant)), expected);
			});
		}

		it('should judge by the business time zone, not UTC', () => {
			// 16:30Z on a Monday is 12:30 in New York (open) and 18:30 in Madrid (closed).
			const instant = at('2026-06-01T16:30:00Z');
			assert.equal(isOpen(OFFICE_HOURS, 'America/New_York', instant), true);
			assert.equal(isOpen(OFFICE_HOURS, MADRID, instant), false);
		});
	});

	describe('nextOpening', () => {
		const cases: [string, OpeningHours, string, string, string][] = [
			[
				'later the same day',
				OFFICE_HOURS,
				'2026-06-01T05:00:00Z',
				'2026-06-01T07:00:00.000Z',
				'Monday at 09:00',
			],
			[
				'the next shift while open (never now)',
				OFFICE_HOURS,
				'2026-06-01T08:00:00Z',
				'2026-06-02T07:00:00.000Z',
				'Tuesday at 09:00',
			],
			[
				'the next day with its own hours',
				OFFICE_HOURS,
				'2026-06-05T17:00:00Z',
				'2026-06-06T08:00:00.000Z',
				'Saturday at 10:00',
			],
			[
				'over a closed Sunday',
				OFFICE_HOURS,
				'2026-06-06T13:00:00Z',
				'2026-06-08T07:00:00.000Z',
				'Monday at 09:00',
			],
			[
				'the same weekday next week',
				{ mon: [{ open: '09:00', close: '10:00' }] },
				'2026-06-01T09:00:00Z',
				'2026-06-08T07:00:00.000Z',
				'Monday at 09:00',
			],
			[
				'an overnight shift at its start, not at midnight',
				NIGHT_SHIFT,
				'2026-06-05T21:30:00Z',
				'2026-06-12T20:00:00.000Z',
				'Friday at 22:00',
			],
			[
				'across the spring DST change (UTC offset moves)',
				OFFICE_HOURS,
				'2026-03-28T14:00:00Z',
				'2026-03-30T07:00:00.000Z',
				'Monday at 09:00',
			],
			[
				'across the autumn DST change',
				OFFICE_HOURS,
				'2026-10-24T13:00:00Z',
				'2026-10-26T08:00:00.000Z',
				'Monday at 09:00',
			],
			[
				'at the jump when the clocks skip the opening time',
				{ sun: [{ open: '02:30', close: '05:00' }] },
				'2026-03-28T23:00:00Z',
				'2026-03-29T01:00:00.000Z',
				'Sunday at 03:00',
			],
			[
				'next week when the clocks skip the whole interval',
				{ sun: [{ open: '02:00', close: '02:59' }] },
				'2026-03-28T23:00:00Z',
				'2026-04-05T00:00:00.000Z',
				'Sunday at 02:00',
			],
			[
				'the first of two 02:30s when the clocks go back',
				{ sun: [{ open: '02:30', close: '05:00' }] },
				'2026-10-24T22:00:00Z',
				'2026-10-25T00:30:00.000Z',
				'Sunday at 02:30',
			],
		];
		for (const [label, hours, from, expected, phrase] of cases) {
			it(`should find ${label}`, () => {
				const opening = nextOpening(hours, MADRID, at(from));
				assert.equal(opening?.at.toISOString(), expected);
				assert.equal(opening?.phrase, phrase);
			});
		}

		it('should say the phrase in the customer language', () => {
			const opening = nextOpening(OFFICE_HOURS, MADRID, at('2026-06-06T13:00:00Z'), 'es');
			assert.equal(opening?.phrase, 'lunes a las 09:00');
		});

		it('should answer null when a week has no hours at all', () => {
			assert.equal(nextOpening({}, MADRID, at('2026-06-01T10:00:00Z')), null);
			assert.equal(nextOpening({ mon: [], sun: [] }, MADRID, at('2026-06-01T10:00:00Z')), null);
		});

		it('should answer null when open round the clock, as it never opens', () => {
			assert.equal(nextOpening(ROUND_THE_CLOCK, MADRID, at('2026-06-01T10:00:00Z')), null);
		});

		it('should throw InvalidTimeZoneError even when there are no hours to look at', () => {
			assert.throws(() => nextOpening({}, 'Nowhere/Land', new Date()), InvalidTimeZoneError);
		});
	});

	describe('effectiveHours', () => {
		it("should use the business's hours when the department has none of its own", () => {
			assert.equal(effectiveHours(department(), business()), OFFICE_HOURS);
		});

		it("should use the department's own hours, even an empty week, when set", () => {
			const closed = {};
			assert.equal(effectiveHours(department({ openingHours: closed }), business()), closed);
			assert.equal(
				effectiveHours(department({ openingHours: ROUND_THE_CLOCK }), business()),
				ROUND_THE_CLOCK,
			);
		});
	});
});
