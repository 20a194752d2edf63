// Holding and booking on the real PostgreSQL and the Google Calendar simulator through the real
// client: the exclusion constraint as referee, Google re-checked, idempotent events.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import {
	startGoogleCalendarSimulator,
	type TestGoogleCalendar,
} from '../../../simulators/src/google-calendar/testing.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { AppointmentInputError } from './appointment-input-error.ts';
import {
	bookSlot,
	cancelAppointment,
	confirmAppointment,
	deleteStaleEvents,
	findFreeTimes,
	getAppointment,
	holdSlot,
	rescheduleAppointment,
	type AppointmentDeps,
	type BookingContext,
} from './booking.ts';
import { createCalendarClient, eventIdFor, type CalendarClient } from './calendar/client.ts';

const CALENDAR = 'installs@northwind.example';
const context: BookingContext = {
	service: {
		id: 'svc-install',
		name: 'Fibre installation',
		durationMinutes: 60,
		bufferBeforeMinutes: 30,
		bufferAfterMinutes: 0,
		calendarId: CALENDAR,
	},
	hours: Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ open: '09:00', close: '17:00' }]]),
	),
	timeZone: 'Europe/Madrid',
	settings: {
		leadTimeMinutes: 60,
		horizonDays: 14,
		optionsToOffer: 3,
		holdMinutes: 10,
		slotStepMinutes: 60,
	},
};
const customer = (contactId: number) => ({
	accountId: 1,
	contactId,
	conversationId: 100 + contactId,
	name: `Customer ${contactId}`,
	email: `c${contactId}@example.net`,
	language: 'es',
});
// Tuesday 1 June 2027, 10:00 in Madrid.
const NOW = new Date('2027-06-01T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('booking on PostgreSQL and Google Calendar', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let google: TestGoogleCalendar;
	let calendar: CalendarClient;
	let now: Date;
	let deps: AppointmentDeps;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
		google = await startGoogleCalendarSimulator({
			calendars: [{ id: CALENDAR, timeZone: 'Europe/Madrid' }],
		});
		calendar = createCalendarClient(
			{
				kind: 'oauth',
				clientId: 'client',
				clientSecret: 'secret',
				refreshToken: 'refresh',
				apiUrl: google.rootUrl,
				tokenUrl: google.tokenUrl,
			},
			{ retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } },
		);
		deps = { pool, calendar, now: () => now };
	});
	after(async () => {
		await google.close();
		await db.drop();
	});
	beforeEach(async () => {
		now = NOW;
		await pool.query('delete from sb_appointments');
		google.sim.store.reset();
	});

	const googleEvents = () =>
		[...(google.sim.store.calendar(CALENDAR)?.events.values() ?? [])].map((e) => e.resource);
	const staffFills = (start: string, end: string) =>
		fetch(`${google.server.url}/__sim/calendars/${encodeURIComponent(CALENDAR)}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				summary: 'Site survey',
				start: { dateTime: start },
				end: { dateTime: end },
			}),
		}).then((res) => assert.equal(res.status, 201));

	it('should offer times clear of Google’s busy time and of our own holds', async () => {
		await staffFills('2027-06-01T12:00:00+02:00', '2027-06-01T13:00:00+02:00');
		const first = await findFreeTimes(deps, context);
		// 11:00 ends at 12:00 (fine); 13:00's 30-minute buffer runs into 12:00–13:00, so 14:00.
		assert.deepEqual(
			first.map((slot) => slot.start.toISOString()),
			['2027-06-01T09:00:00.000Z', '2027-06-01T12:00:00.000Z', '2027-06-01T13:00:00.000Z'],
		);
		const held = await holdSlot(deps, {
			...context,
			start: first[0]!.start,
			customer: customer(1),
		});
		assert.equal(held.ok, true);
		const next = await findFreeTimes(deps, context);
		assert.equal(next[0]?.start.toISOString(), '2027-06-01T12:00:00.000Z');
	});

	it('should book: one Google event with an id derived from the booking, and the row confirmed', async () => {
		const result = await bookSlot(deps, {
			...context,
			start: at('2027-06-02T07:00:00Z'),
			customer: customer(1),
		});
		assert.ok(result.ok);
		const { appointment } = result;
		assert.equal(appointment.status, 'confirmed');
		assert.equal(appointment.googleEventId, eventIdFor(appointment.id));
		assert.equal(appointment.timeZone, 'Europe/Madrid');
		assert.deepEqual(appointment.blockedFrom, at('2027-06-02T06:30:00Z'));
		const events = googleEvents();
		assert.equal(events.length, 1);
		assert.equal(events[0]?.id, appointment.googleEventId);
		assert.deepEqual(events[0]?.extendedProperties, { private: { bookingId: appointment.id } });
	});

	it('should give a time chosen by two customers at once to exactly one, and the next options to the other', async () => {
		const start = at('2027-06-02T08:00:00Z');
		const results = await Promise.all(
			[1, 2, 3, 4].map((id) => bookSlot(deps, { ...context, start, customer: customer(id) })),
		);
		const winners = results.filter((r) => r.ok);
		const losers = results.filter((r) => !r.ok);
		assert.equal(winners.length, 1);
		assert.equal(losers.length, 3);
		for (const loser of losers) {
			assert.ok(!loser.ok);
			// Taken (our ledger refused it) or, for one that checked after the winner's event was in
			// Google, unavailable: either way refused, with other times.
			assert.ok(['taken', 'unavailable'].includes(loser.reason), loser.reason);
			assert.ok(loser.alternatives.length > 0);
			assert.ok(loser.alternatives.every((slot) => slot.start.getTime() !== start.getTime()));
		}
		assert.equal(googleEvents().length, 1);
	});

	it('should book for a customer whose earlier attempt already held the time, and not for another', async () => {
		const start = at('2027-06-02T08:00:00Z');
		// The first attempt held the time, then its run failed before confirming.
		const first = await holdSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(first.ok);
		const other = await bookSlot(deps, { ...context, start, customer: customer(2) });
		assert.ok(!other.ok);
		assert.equal(other.reason, 'taken');
		const retry = await bookSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(retry.ok);
		assert.equal(retry.appointment.id, first.appointment.id);
		assert.equal(retry.appointment.status, 'confirmed');
		// Once more (its answer lost again): the same appointment, one Google event.
		const again = await bookSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(again.ok);
		assert.equal(again.appointment.id, first.appointment.id);
		assert.equal(googleEvents().length, 1);
	});

	it('should book a time offered just before the lead time passed it, and not one offered long ago', async () => {
		// Lead time 60 min: at 10:00 in Madrid, 11:00 is the first time offered.
		const [first] = await findFreeTimes(deps, context);
		assert.equal(first?.start.toISOString(), '2027-06-01T09:00:00.000Z');
		const offeredAt = now;
		// An offer older than the hold time (10 min) no longer stands.
		now = new Date(NOW.getTime() + 11 * 60_000);
		const stale = await bookSlot(deps, {
			...context,
			start: first!.start,
			customer: customer(2),
			offeredAt,
		});
		assert.ok(!stale.ok);
		assert.equal(stale.reason, 'unavailable');
		// The customer taps it two seconds later: strictly, 11:00 is now inside the lead time.
		now = new Date(NOW.getTime() + 2000);
		const unannounced = await holdSlot(deps, {
			...context,
			start: first!.start,
			customer: customer(1),
		});
		assert.ok(!unannounced.ok);
		assert.equal(unannounced.reason, 'unavailable');
		const booked = await bookSlot(deps, {
			...context,
			start: first!.start,
			customer: customer(1),
			offeredAt,
		});
		assert.ok(booked.ok);
		assert.equal(booked.appointment.status, 'confirmed');
	});

	it('should refuse a time staff filled in Google after it was offered, with new options', async () => {
		const [offered] = await findFreeTimes(deps, context);
		assert.ok(offered);
		await staffFills(offered.start.toISOString(), offered.end.toISOString());
		const result = await bookSlot(deps, {
			...context,
			start: offered.start,
			customer: customer(1),
		});
		assert.ok(!result.ok);
		assert.equal(result.reason, 'unavailable');
		assert.ok(
			result.alternatives.every((slot) => slot.start.getTime() !== offered.start.getTime()),
		);
		assert.equal((await pool.query('select count(*)::int as n from sb_appointments')).rows[0].n, 0);
	});

	it('should refuse to confirm a hold whose time staff filled meanwhile, and free the hold', async () => {
		const start = at('2027-06-02T09:00:00Z');
		const hold = await holdSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(hold.ok);
		await staffFills('2027-06-02T11:30:00+02:00', '2027-06-02T12:00:00+02:00');
		const result = await confirmAppointment(deps, hold.appointment.id, context);
		assert.ok(!result.ok);
		assert.equal(result.reason, 'unavailable');
		assert.equal((await getAppointment(pool, hold.appointment.id))?.status, 'expired');
		assert.equal(googleEvents().filter((e) => e.extendedProperties).length, 0);
	});

	it('should give the time up when staff fill it between the re-check and the insert', async () => {
		const hold = await holdSlot(deps, {
			...context,
			start: at('2027-06-02T10:00:00Z'),
			customer: customer(1),
		});
		assert.ok(hold.ok);
		// The real client; staff type their event into Google just as ours goes in.
		const racing: CalendarClient = {
			...calendar,
			insertEvent: async (calendarId, event) => {
				await staffFills('2027-06-02T12:15:00+02:00', '2027-06-02T12:45:00+02:00');
				return calendar.insertEvent(calendarId, event);
			},
		};
		const result = await confirmAppointment(
			{ ...deps, calendar: racing },
			hold.appointment.id,
			context,
		);
		assert.ok(!result.ok);
		assert.equal(result.reason, 'unavailable');
		assert.ok(result.alternatives.length > 0);
		assert.equal((await getAppointment(pool, hold.appointment.id))?.status, 'expired');
		const ours = googleEvents().find((e) => e.id === eventIdFor(hold.appointment.id));
		assert.equal(ours?.status, 'cancelled');
	});

	it('should let a lapsed hold go to the next customer, and tell the first one', async () => {
		const start = at('2027-06-03T08:00:00Z');
		const first = await holdSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(first.ok);
		now = new Date(NOW.getTime() + 11 * 60_000);
		const second = await holdSlot(deps, { ...context, start, customer: customer(2) });
		assert.ok(second.ok, 'the lapsed hold no longer blocks the time');
		const late = await confirmAppointment(deps, first.appointment.id, context);
		assert.ok(!late.ok);
		assert.equal(late.reason, 'hold_expired');
		assert.ok(late.alternatives.length > 0);
		const confirmed = await confirmAppointment(deps, second.appointment.id, context);
		assert.ok(confirmed.ok);
	});

	it('should mark a lapsed hold expired, and renew it on confirm when nobody took the time', async () => {
		const hold = await holdSlot(deps, {
			...context,
			start: at('2027-06-03T09:00:00Z'),
			customer: customer(1),
		});
		assert.ok(hold.ok);
		now = new Date(NOW.getTime() + 30 * 60_000);
		// Staff's calendar stops showing it as held once times are offered again.
		await findFreeTimes(deps, context);
		assert.equal((await getAppointment(pool, hold.appointment.id))?.status, 'expired');
		const result = await confirmAppointment(deps, hold.appointment.id, context);
		assert.ok(result.ok);
		assert.equal(result.appointment.status, 'confirmed');
	});

	it('should confirm once when an earlier attempt created the event unheard (409 → read back)', async () => {
		const hold = await holdSlot(deps, {
			...context,
			start: at('2027-06-04T07:00:00Z'),
			customer: customer(1),
		});
		assert.ok(hold.ok);
		const { appointment } = hold;
		// As if a first confirm had inserted the event and crashed before recording it.
		await calendar.insertEvent(CALENDAR, {
			id: eventIdFor(appointment.id),
			bookingId: appointment.id,
			summary: 'Fibre installation',
			start: appointment.startsAt,
			end: appointment.endsAt,
			timeZone: 'Europe/Madrid',
		});
		const result = await confirmAppointment(deps, appointment.id, context);
		assert.ok(result.ok);
		assert.equal(googleEvents().length, 1);
		const again = await confirmAppointment(deps, appointment.id, context);
		assert.ok(again.ok);
		assert.equal(googleEvents().length, 1);
	});

	it('should move an appointment: the same event patched, SEQUENCE up, a taken time refused', async () => {
		const booked = await bookSlot(deps, {
			...context,
			start: at('2027-06-02T07:00:00Z'),
			customer: customer(1),
		});
		assert.ok(booked.ok);
		const moved = await rescheduleAppointment(deps, booked.appointment.id, {
			...context,
			start: at('2027-06-02T07:30:00Z'), // overlaps its own old time: that is fine
		});
		assert.ok(moved.ok);
		assert.equal(moved.appointment.status, 'rescheduled');
		assert.equal(moved.appointment.icalSequence, 1);
		assert.equal(moved.appointment.googleEventId, booked.appointment.googleEventId);
		const [event] = googleEvents();
		assert.equal(event?.sequence, 1);
		assert.deepEqual(
			google.sim.store.calendar(CALENDAR)?.events.get(event!.id)?.start,
			Date.parse('2027-06-02T07:30:00Z'),
		);
		const other = await bookSlot(deps, {
			...context,
			start: at('2027-06-03T07:00:00Z'),
			customer: customer(2),
		});
		assert.ok(other.ok);
		const clash = await rescheduleAppointment(deps, booked.appointment.id, {
			...context,
			start: at('2027-06-03T07:00:00Z'),
		});
		assert.ok(!clash.ok);
		assert.equal(clash.reason, 'unavailable'); // Google already has customer 2's event there
		assert.equal(
			(await getAppointment(pool, booked.appointment.id))?.startsAt.toISOString(),
			'2027-06-02T07:30:00.000Z',
		);
	});

	it('should cancel: the event deleted in Google, the time free again, a second cancel harmless', async () => {
		const start = at('2027-06-02T12:00:00Z');
		const booked = await bookSlot(deps, { ...context, start, customer: customer(1) });
		assert.ok(booked.ok);
		const cancelled = await cancelAppointment(deps, booked.appointment.id, {
			reason: 'customer cannot make it',
		});
		assert.equal(cancelled?.status, 'cancelled');
		assert.equal(cancelled?.icalSequence, 1);
		assert.equal(googleEvents()[0]?.status, 'cancelled');
		const again = await cancelAppointment(deps, booked.appointment.id);
		assert.equal(again?.status, 'cancelled');
		const rebooked = await bookSlot(deps, { ...context, start, customer: customer(2) });
		assert.ok(rebooked.ok);
	});

	it('should delete the Google event of an appointment staff cancelled in Directus', async () => {
		const booked = await bookSlot(deps, {
			...context,
			start: at('2027-06-04T12:00:00Z'),
			customer: customer(1),
		});
		assert.ok(booked.ok);
		// What the receptionist's edit in Directus does: the row only.
		await pool.query(`update sb_appointments set status = 'cancelled' where id = $1`, [
			booked.appointment.id,
		]);
		assert.equal(googleEvents()[0]?.status, 'confirmed');
		assert.equal(await deleteStaleEvents(deps), 1);
		assert.equal(googleEvents()[0]?.status, 'cancelled');
		assert.equal(await deleteStaleEvents(deps), 0);
	});

	it('should refuse bad input by naming it, writing nothing', async () => {
		await assert.rejects(
			holdSlot(deps, {
				...context,
				timeZone: 'Mars/Olympus',
				start: at('2027-06-02T07:00:00Z'),
				customer: customer(1),
			}),
			(error) => error instanceof AppointmentInputError && /timeZone/.test(error.message),
		);
		await assert.rejects(
			holdSlot(deps, {
				...context,
				start: at('2027-06-02T07:00:00Z'),
				customer: { ...customer(1), email: 'nope' },
			}),
			(error) => error instanceof AppointmentInputError && /email/.test(error.message),
		);
		assert.equal((await pool.query('select count(*)::int as n from sb_appointments')).rows[0].n, 0);
	});

	it('should make the database itself refuse two live appointments overlapping on one calendar', async () => {
		const insert = (from: string, until: string, status = 'confirmed') =>
			pool.query(
				`insert into sb_appointments (account_id, contact_id, service_id, service_name, calendar_id, status,
					starts_at, ends_at, blocked_from, blocked_until, time_zone, hold_expires_at)
				values (1, 1, 's', 'S', $1, $4, $2, $3, $2, $3, 'Europe/Madrid', now())`,
				[CALENDAR, from, until, status],
			);
		await insert('2027-06-10T08:00:00Z', '2027-06-10T09:00:00Z');
		await assert.rejects(insert('2027-06-10T08:30:00Z', '2027-06-10T09:30:00Z', 'held'), {
			code: '23P01',
		});
		await insert('2027-06-10T09:00:00Z', '2027-06-10T10:00:00Z'); // touching is not overlapping
		await insert('2027-06-10T08:30:00Z', '2027-06-10T09:30:00Z', 'cancelled');
	});
});
