import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatInZone } from '../common/zoned-time.ts';
import type { OpeningHours } from '../content/schemas.ts';
import { computeFreeTimes, slotProblem, subtract, type FreeTimesInput } from './free-times.ts';

const EVERY_DAY = (open: string, close: string): OpeningHours =>
	Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open, close }]]),
	);

const hour = { durationMinutes: 60, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
const settings = { leadTimeMinutes: 0, horizonDays: 30, optionsToOffer: 3, slotStepMinutes: 60 };

function local(input: FreeTimesInput) {
	return computeFreeTimes(input).map((slot) => ({
		start: formatInZone(slot.start.getTime(), input.timeZone),
		minutes: (slot.end.getTime() - slot.start.getTime()) / 60_000,
	}));
}

describe('computeFreeTimes', () => {
	describe('across the US change to daylight time (2027-03-14, New York)', () => {
		const timeZone = 'America/New_York';

		it('should keep 09:00 at 09:00 on the wall clock when the offset changes overnight', () => {
			assert.deepEqual(
				local({
					busy: [],
					hours: EVERY_DAY('09:00', '17:00'),
					timeZone,
					service: hour,
					settings,
					now: new Date('2027-03-12T17:00:00Z'),
					after: new Date('2027-03-13T21:00:00Z'),
				}),
				[
					{ start: '2027-03-13T16:00:00-05:00', minutes: 60 },
					{ start: '2027-03-14T09:00:00-04:00', minutes: 60 },
					{ start: '2027-03-14T10:00:00-04:00', minutes: 60 },
				],
			);
		});

		it('should skip the hour the clocks jump over, each slot lasting its real hour', () => {
			assert.deepEqual(
				local({
					busy: [],
					hours: { sun: [{ open: '00:00', close: '06:00' }] },
					timeZone,
					service: hour,
					settings: { ...settings, optionsToOffer: 10 },
					now: new Date('2027-03-13T12:00:00Z'),
					after: new Date('2027-03-14T00:00:00Z'),
					limit: 5,
				}),
				[
					{ start: '2027-03-14T00:00:00-05:00', minutes: 60 },
					{ start: '2027-03-14T01:00:00-05:00', minutes: 60 },
					{ start: '2027-03-14T03:00:00-04:00', minutes: 60 },
					{ start: '2027-03-14T04:00:00-04:00', minutes: 60 },
					{ start: '2027-03-14T05:00:00-04:00', minutes: 60 },
				],
			);
		});

		it('should offer the repeated hour once when the clocks go back (2027-11-07)', () => {
			const slots = computeFreeTimes({
				busy: [],
				hours: { sun: [{ open: '00:00', close: '04:00' }] },
				timeZone,
				service: hour,
				settings: { ...settings, optionsToOffer: 10 },
				now: new Date('2027-11-06T12:00:00Z'),
				limit: 4,
			});
			assert.deepEqual(
				slots.map((slot) => slot.start.toISOString()),
				[
					'2027-11-07T04:00:00.000Z', // 00:00 EDT
					'2027-11-07T05:00:00.000Z', // 01:00 EDT, the first of the two
					'2027-11-07T07:00:00.000Z', // 02:00 EST
					'2027-11-07T08:00:00.000Z', // 03:00 EST
				],
			);
		});
	});

	describe('across the EU change to summer time (2027-03-28, Madrid)', () => {
		it('should move 09:00 from 08:00Z to 07:00Z with the clocks', () => {
			const slots = computeFreeTimes({
				busy: [],
				hours: EVERY_DAY('09:00', '10:00'),
				timeZone: 'Europe/Madrid',
				service: hour,
				settings,
				now: new Date('2027-03-26T12:00:00Z'),
			});
			assert.deepEqual(
				slots.map((slot) => slot.start.toISOString()),
				['2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z', '2027-03-29T07:00:00.000Z'],
			);
		});

		it('should never offer the hour 02:00–03:00 that does not exist that night', () => {
			const slots = computeFreeTimes({
				busy: [],
				hours: { sun: [{ open: '01:00', close: '05:00' }] },
				timeZone: 'Europe/Berlin',
				service: { ...hour, durationMinutes: 30 },
				settings: { ...settings, slotStepMinutes: 30, optionsToOffer: 10 },
				now: new Date('2027-03-27T12:00:00Z'),
				limit: 6,
			});
			assert.deepEqual(
				slots.map((slot) => formatInZone(slot.start.getTime(), 'Europe/Berlin')),
				[
					'2027-03-28T01:00:00+01:00',
					'2027-03-28T01:30:00+01:00',
					'2027-03-28T03:00:00+02:00',
					'2027-03-28T03:30:00+02:00',
					'2027-03-28T04:00:00+02:00',
					'2027-03-28T04:30:00+02:00',
				],
			);
		});
	});

	const base = {
		hours: { mon: [{ open: '09:00', close: '13:00' }] } as OpeningHours,
		timeZone: 'Europe/Madrid',
		settings: { ...settings, slotStepMinutes: 30 },
		now: new Date('2027-06-06T12:00:00Z'), // a Sunday
	};

	it('should keep the buffers clear of busy time, before and after', () => {
		const slots = local({
			...base,
			// 10:00–11:00 Madrid is busy.
			busy: [{ start: new Date('2027-06-07T08:00:00Z'), end: new Date('2027-06-07T09:00:00Z') }],
			service: { durationMinutes: 60, bufferBeforeMinutes: 30, bufferAfterMinutes: 15 },
			settings: { ...base.settings, optionsToOffer: 5, horizonDays: 3 },
		});
		// 09:00 ends at 10:00 but its 15-minute buffer runs into the busy hour; 11:30 is the first
		// start whose 30-minute buffer before clears 11:00.
		assert.deepEqual(
			slots.map((slot) => slot.start),
			['2027-06-07T11:30:00+02:00'],
		);
	});

	it('should offer times that do not overlap each other', () => {
		const slots = local({ ...base, busy: [], service: { ...hour, durationMinutes: 90 } });
		assert.deepEqual(
			slots.map((slot) => slot.start),
			['2027-06-07T09:00:00+02:00', '2027-06-07T10:30:00+02:00', '2027-06-14T09:00:00+02:00'],
		);
	});

	it('should respect the lead time and the horizon', () => {
		const now = new Date('2027-06-07T07:10:00Z'); // Monday 09:10 Madrid
		const slots = local({
			...base,
			busy: [],
			service: hour,
			now,
			settings: { ...base.settings, leadTimeMinutes: 120, horizonDays: 7, optionsToOffer: 10 },
			limit: 10,
		});
		assert.deepEqual(
			slots.map((slot) => slot.start),
			['2027-06-07T11:30:00+02:00', '2027-06-14T09:00:00+02:00'],
		);
	});

	it('should read a day that closes at 23:59 as open until midnight', () => {
		const slots = local({
			...base,
			hours: { mon: [{ open: '22:00', close: '23:59' }] },
			busy: [],
			service: hour,
			limit: 2,
		});
		assert.deepEqual(
			slots.map((slot) => slot.start),
			['2027-06-07T22:00:00+02:00', '2027-06-07T23:00:00+02:00'],
		);
	});

	it('should give nothing for a business with no opening hours', () => {
		assert.deepEqual(local({ ...base, hours: {}, busy: [], service: hour }), []);
	});
});

describe('slotProblem', () => {
	const input = {
		busy: [{ start: new Date('2027-06-07T08:00:00Z'), end: new Date('2027-06-07T09:00:00Z') }],
		hours: { mon: [{ open: '09:00', close: '13:00' }] } as OpeningHours,
		timeZone: 'Europe/Madrid',
		service: hour,
		settings,
		now: new Date('2027-06-06T12:00:00Z'),
	};

	it('should say why a requested time cannot be had', () => {
		assert.equal(slotProblem(new Date('2027-06-07T08:30:00Z'), input), 'busy');
		assert.equal(slotProblem(new Date('2027-06-07T06:00:00Z'), input), 'closed');
		assert.equal(slotProblem(new Date('2027-06-07T10:30:00Z'), input), 'closed'); // ends 13:30
		assert.equal(slotProblem(new Date('2027-06-06T11:00:00Z'), input), 'too_soon');
		assert.equal(slotProblem(new Date('2027-08-02T07:00:00Z'), input), 'too_far');
		assert.equal(slotProblem(new Date('2027-06-07T09:10:00Z'), input), null); // 11:10, off the grid
	});

	it('should free a moved appointment’s own time', () => {
		const own = { start: new Date('2027-06-07T08:00:00Z'), end: new Date('2027-06-07T09:00:00Z') };
		assert.equal(
			slotProblem(new Date('2027-06-07T08:30:00Z'), { ...input, busy: subtract(input.busy, own) }),
			null,
		);
	});
});
