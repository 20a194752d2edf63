// The reconcile of front-desk changes on the real PostgreSQL and the Google Calendar simulator:
// Google moved, the follow-ups (reminders, invite) run, the customer is told once; a failure
// leaves the change pending for the next run.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import {
	startGoogleCalendarSimulator,
	type TestGoogleCalendar,
} from '../../../simulators/src/google-calendar/testing.ts';
import { bookSlot, getAppointment, type AppointmentDeps } from '../appointments/booking.ts';
import { createCalendarClient } from '../appointments/calendar/client.ts';
import { reviewStaffEdit, type StaffEditPayload } from '../appointments/staff-edit.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { Template } from '../templates/index.ts';
import type { AppointmentView } from './backend.ts';
import { applyStaffChanges, type StaffChangesDeps } from './staff-changes.ts';

const CALENDAR = 'installs@northwind.example';
const NOW = new Date('2027-06-01T08:00:00Z');
const context = {
	service: {
		id: 'svc-install',
		name: 'Fibre installation',
		durationMinutes: 60,
		calendarId: CALENDAR,
	},
	hours: Object.fromEntries(
		['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ open: '09:00', close: '17:00' }]]),
	),
	timeZone: 'Europe/Madrid',
};
const template = (key: string, body: string): Template => ({
	key,
	language: 'en',
	channel: 'whatsapp_session',
	status: 'published',
	subject: null,
	body,
	fallbacks: {},
	whatsapp: null,
});
const TEMPLATES = [
	template('appointment_rescheduled', 'Now on {{appointment.date}} at {{appointment.time}}.'),
	template('appointment_cancelled', 'Your {{appointment.service}} is cancelled.'),
];

describe('applyStaffChanges', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let google: TestGoogleCalendar;
	let appointments: AppointmentDeps;
	let sent: { conversationId: number; content: string }[];
	let effects: string[];
	let chatwootDown: boolean;

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
			{ retry: { attempts: 1, baseDelayMs: 5, maxDelayMs: 10 } },
		);
		appointments = { pool, calendar, now: () => NOW };
	});
	after(async () => {
		await google.close();
		await db.drop();
	});
	beforeEach(async () => {
		await pool.query('delete from sb_appointments');
		google.sim.store.reset();
		sent = [];
		effects = [];
		chatwootDown = false;
	});

	const deps = (): StaffChangesDeps => ({
		runtime: {
			appointments,
			businessTimeZone: 'Europe/Madrid',
			after: async (event: string, view: AppointmentView) => {
				effects.push(`${event} ${view.startsAt.toISOString()}`);
			},
		},
		chatwoot: {
			conversations: { get: async () => ({ can_reply: true }) },
			messages: {
				create: async (conversationId: number, body: { content?: string | null }) => {
					if (chatwootDown) throw new Error('Chatwoot did not answer');
					sent.push({ conversationId, content: body.content ?? '' });
					return { id: sent.length };
				},
			},
		} as unknown as StaffChangesDeps['chatwoot'],
		reader: {
			messageTemplate: async (key: string) => TEMPLATES.find((t) => t.key === key) ?? null,
			businessInfo: async () => ({ name: 'Northwind Fibre', timeZone: 'Europe/Madrid' }),
		} as unknown as StaffChangesDeps['reader'],
	});

	const knex = {
		raw: (sql: string, bindings: unknown[]) => {
			let n = 0;
			return pool.query(
				sql.replace(/\?/g, () => `$${++n}`),
				bindings,
			);
		},
	};

	/** The receptionist's save, as Directus makes it after the hook. */
	async function staffSaves(id: string, payload: StaffEditPayload): Promise<void> {
		const reviewed = await reviewStaffEdit(knex, [id], payload, NOW);
		const fields = Object.keys(reviewed);
		await pool.query(
			`update sb_appointments set ${fields.map((f, i) => `${f} = $${i + 2}`).join(', ')} where id = $1`,
			[id, ...fields.map((f) => reviewed[f])],
		);
	}

	async function booked() {
		const result = await bookSlot(appointments, {
			...context,
			start: new Date('2027-06-02T08:00:00Z'),
			customer: { accountId: 1, contactId: 7, conversationId: 42, name: 'Ann Lee', language: 'en' },
		});
		assert.ok(result.ok);
		return result.appointment;
	}

	it('should apply a move once: Google, reminders and invite, and one message to the customer', async () => {
		const appointment = await booked();
		await staffSaves(appointment.id, { starts_at: '2027-06-03T12:00:00Z' });
		const first = await applyStaffChanges(deps());
		assert.deepEqual(first, { applied: [appointment.id], failed: [] });
		assert.deepEqual(effects, ['rescheduled 2027-06-03T12:00:00.000Z']);
		assert.deepEqual(sent, [{ conversationId: 42, content: 'Now on June 3, 2027 at 2:00 PM.' }]);
		const event = google.sim.store.calendar(CALENDAR)?.events.get(appointment.googleEventId!);
		const startedAt = (event?.resource.start as { dateTime?: string } | undefined)?.dateTime;
		assert.equal(Date.parse(startedAt ?? ''), Date.parse('2027-06-03T12:00:00Z'));
		// Nothing is left to do: a second run (or the every-minute one) sends nothing.
		assert.deepEqual(await applyStaffChanges(deps()), { applied: [], failed: [] });
		assert.equal(sent.length, 1);
	});

	it('should delete the event an appointment left when it stopped being live without a change', async () => {
		const appointment = await booked();
		// A confirm that stopped half-way leaves an expired row with its event in Google.
		await pool.query(`update sb_appointments set status = 'expired' where id = $1`, [
			appointment.id,
		]);
		assert.deepEqual(await applyStaffChanges(deps()), { applied: [], failed: [] });
		const event = google.sim.store.calendar(CALENDAR)?.events.get(appointment.googleEventId!);
		assert.equal(event?.resource.status, 'cancelled');
		assert.deepEqual(sent, [], 'the customer was never told of it: nothing to say');
	});

	it('should keep a change pending while Chatwoot is down, and tell the customer once it is back', async () => {
		const appointment = await booked();
		await staffSaves(appointment.id, { status: 'cancelled' });
		chatwootDown = true;
		const failed = await applyStaffChanges(deps());
		assert.equal(failed.failed[0]?.appointmentId, appointment.id);
		assert.match(failed.failed[0]!.error, /Chatwoot did not answer/);
		const row = await getAppointment(pool, appointment.id);
		assert.ok(row!.appliedSequence < row!.icalSequence, 'still pending');
		chatwootDown = false;
		assert.deepEqual((await applyStaffChanges(deps())).applied, [appointment.id]);
		assert.deepEqual(
			sent.map((m) => m.content),
			['Your Fibre installation is cancelled.'],
		);
		const event = google.sim.store.calendar(CALENDAR)?.events.get(appointment.googleEventId!);
		assert.equal(event?.resource.status, 'cancelled');
		assert.deepEqual(effects, [
			'cancelled 2027-06-02T08:00:00.000Z',
			'cancelled 2027-06-02T08:00:00.000Z',
		]);
	});
});
