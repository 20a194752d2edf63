// A front-desk move or cancel in Directus, on the real PostgreSQL and the Google Calendar
// simulator: checked before the save (what the appointments hook runs), then applied to Google.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import {
	startGoogleCalendarSimulator,
	type TestGoogleCalendar,
} from '../../../simulators/src/google-calendar/testing.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import {
	bookSlot,
	getAppointment,
	rescheduleAppointment,
	type AppointmentDeps,
	type BookingContext,
} from './booking.ts';
import { createCalendarClient } from './calendar/client.ts';
import type { Appointment } from './model.ts';
import { applyStaffChangeToCalendar, hasPendingStaffChanges } from './staff-changes.ts';
import {
	reviewStaffEdit,
	StaffEditRefusedError,
	type RawQuery,
	type StaffEditPayload,
} from './staff-edit.ts';

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
	settings: { leadTimeMinutes: 60, horizonDays: 14, holdMinutes: 10, slotStepMinutes: 60 },
};
// Tuesday 1 June 2027, 10:00 in Madrid.
const NOW = new Date('2027-06-01T08:00:00Z');
const customer = (contactId: number) => ({
	accountId: 1,
	contactId,
	conversationId: 100 + contactId,
	name: `Customer ${contactId}`,
	language: 'en',
});

describe('front-desk changes', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let google: TestGoogleCalendar;
	let deps: AppointmentDeps;
	/** Directus's knex as the hook gets it: `?` bindings. */
	let knex: RawQuery;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
		google = await startGoogleCalendarSimulator({
			calendars: [{ id: CALENDAR, timeZone: 'Europe/Madrid' }],
		});
		const calendar = createCalendarClient(
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
		deps = { pool, calendar, now: () => NOW };
		knex = {
			raw: (sql, bindings) => {
				let n = 0;
				return pool.query(
					sql.replace(/\?/g, () => `$${++n}`),
					bindings,
				);
			},
		};
	});
	after(async () => {
		await google.close();
		await db.drop();
	});
	beforeEach(async () => {
		await pool.query('delete from sb_appointments');
		google.sim.store.reset();
	});

	const googleEvent = (id: string) => google.sim.store.calendar(CALENDAR)?.events.get(id)?.resource;

	async function book(start: string, contactId = 1): Promise<Appointment> {
		const booked = await bookSlot(deps, {
			...context,
			start: new Date(start),
			customer: customer(contactId),
		});
		assert.ok(booked.ok, JSON.stringify(booked));
		return booked.appointment;
	}

	/** What Directus does with the reviewed payload: one update of the row. */
	async function save(id: string, payload: StaffEditPayload): Promise<Appointment> {
		const fields = Object.keys(payload);
		await pool.query(
			`update sb_appointments set ${fields.map((f, i) => `${f} = $${i + 2}`).join(', ')} where id = $1`,
			[id, ...fields.map((f) => payload[f])],
		);
		return (await getAppointment(pool, id))!;
	}

	const refusal = async (id: string | string[], payload: StaffEditPayload, pattern: RegExp) => {
		await assert.rejects(
			reviewStaffEdit(knex, Array.isArray(id) ? id : [id], payload, NOW),
			(error) => error instanceof StaffEditRefusedError && pattern.test(error.message),
		);
	};

	it('should move the appointment with its buffers and a higher SEQUENCE, then move the Google event', async () => {
		const booked = await book('2027-06-02T08:00:00Z');
		const reviewed = await reviewStaffEdit(
			knex,
			[booked.id],
			{ starts_at: '2027-06-03T12:00:00.000Z' },
			NOW,
		);
		assert.deepEqual(reviewed, {
			starts_at: '2027-06-03T12:00:00.000Z',
			ends_at: '2027-06-03T13:00:00.000Z',
			blocked_from: '2027-06-03T11:30:00.000Z',
			blocked_until: '2027-06-03T13:00:00.000Z',
			status: 'rescheduled',
			ical_sequence: 1,
			updated_at: NOW.toISOString(),
		});
		const moved = await save(booked.id, reviewed);
		assert.equal(await hasPendingStaffChanges(pool), true);
		await applyStaffChangeToCalendar(deps, moved);
		const event = googleEvent(booked.googleEventId!);
		const startedAt = (event?.start as { dateTime?: string } | undefined)?.dateTime;
		assert.equal(Date.parse(startedAt ?? ''), moved.startsAt.getTime());
		assert.equal(event?.sequence, 1, 'Google bumped its sequence');
		// A second run finds the event in place and writes nothing.
		await applyStaffChangeToCalendar(deps, moved);
		assert.equal(googleEvent(booked.googleEventId!)?.sequence, 1);
	});

	it('should take a calendar drag (start and end, no zone) as UTC, as Directus stores it', async () => {
		const booked = await book('2027-06-02T08:00:00Z');
		const reviewed = await reviewStaffEdit(
			knex,
			[booked.id],
			{ starts_at: '2027-06-02T13:00:00', ends_at: '2027-06-02T14:30:00' },
			NOW,
		);
		assert.equal(reviewed.starts_at, '2027-06-02T13:00:00.000Z');
		assert.equal(reviewed.ends_at, '2027-06-02T14:30:00.000Z');
	});

	it('should refuse an impossible move with the reason, changing nothing', async () => {
		const booked = await book('2027-06-02T08:00:00Z');
		const other = await book('2027-06-03T08:00:00Z', 2);
		await refusal(
			booked.id,
			{ starts_at: '2027-06-03T12:00:00Z', ends_at: '2027-06-03T11:00:00Z' },
			/^The end \(Thu, 3 Jun 2027, 13:00\) must be after the start \(Thu, 3 Jun 2027, 14:00\), Europe\/Madrid time\.$/,
		);
		// Its 30 minutes of buffer before reach into the other appointment.
		await refusal(
			booked.id,
			{ starts_at: '2027-06-03T09:15:00Z' },
			/overlaps another appointment on the same calendar: Fibre installation · Customer 2, Thu, 3 Jun 2027, 10:00–Thu, 3 Jun 2027, 11:00/,
		);
		await refusal(booked.id, { starts_at: '2027-05-31T08:00:00Z' }, /has already passed/);
		await refusal(booked.id, { starts_at: 'next tuesday' }, /"starts_at" must be a date and time/);
		await refusal(booked.id, { ical_sequence: 9 }, /"ical_sequence" is kept by the booking itself/);
		await refusal([booked.id, other.id], { status: 'cancelled' }, /one appointment at a time/);
		await refusal(booked.id, { status: 'held' }, /"held" is set by the booking itself/);
		await refusal(
			booked.id,
			{ status: 'cancelled', starts_at: '2027-06-04T08:00:00Z' },
			/not both in one save/,
		);
		const after = await getAppointment(pool, booked.id);
		assert.deepEqual(after, booked);
		assert.equal(await hasPendingStaffChanges(pool), false);
	});

	it('should cancel with a higher SEQUENCE, then delete the Google event once', async () => {
		const booked = await book('2027-06-02T08:00:00Z');
		const reviewed = await reviewStaffEdit(knex, [booked.id], { status: 'cancelled' }, NOW);
		assert.equal(reviewed.ical_sequence, 1);
		assert.equal(reviewed.cancel_reason, 'Cancelled by the front desk.');
		const cancelled = await save(booked.id, reviewed);
		await applyStaffChangeToCalendar(deps, cancelled);
		assert.equal(googleEvent(booked.googleEventId!)?.status, 'cancelled');
		await applyStaffChangeToCalendar(deps, (await getAppointment(pool, booked.id))!);
		// Cancelled stays cancelled; a move of it is refused.
		await refusal(
			booked.id,
			{ starts_at: '2027-06-04T08:00:00Z' },
			/only a confirmed or rescheduled one can be moved/,
		);
		await refusal(booked.id, { status: 'completed' }, /only a confirmed or rescheduled one/);
	});

	it('should let other edits through untouched, and leave chat moves applied', async () => {
		const booked = await book('2027-06-02T08:00:00Z');
		assert.deepEqual(await reviewStaffEdit(knex, [booked.id], { cancel_reason: 'x' }, NOW), {
			cancel_reason: 'x',
		});
		assert.deepEqual(
			await reviewStaffEdit(knex, [booked.id], { starts_at: booked.startsAt.toISOString() }, NOW),
			{ starts_at: booked.startsAt.toISOString() },
		);
		const moved = await rescheduleAppointment(deps, booked.id, {
			...context,
			start: new Date('2027-06-04T08:00:00Z'),
		});
		assert.ok(moved.ok);
		assert.equal(moved.appointment.appliedSequence, moved.appointment.icalSequence);
		assert.equal(await hasPendingStaffChanges(pool), false);
	});
});
