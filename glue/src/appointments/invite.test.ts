// The e-mailed invite, read back by a real iCalendar parser (ical.js) out of the raw MIME the
// SMTP sink received, and the same reader applied to invites other calendars sent (corpus).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type pg from 'pg';
import { startSmtpSink, type TestSmtpSink } from '../../../simulators/src/smtp/testing.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { appointmentFacts } from './facts.ts';
import { appointmentIcs, inviteUid } from './invite.ts';
import { createMailer, sendAppointmentEmail } from './mail.ts';
import type { Appointment } from './model.ts';
import { getAppointment } from './repository.ts';
import { renderMessage, templateSchema } from '../templates/index.ts';

const CORPUS = new URL('../../../../shared/reference/corpus/icalendar/', import.meta.url);
const organizer = { name: 'Northwind Fibre', email: 'bookings@northwind.example' };

interface ReadInvite {
	method: string | null;
	uid: string;
	sequence: number;
	status: string | null;
	/** Null when absent (a minimal CANCEL carries only UID and SEQUENCE). */
	start: Date | null;
	end: Date | null;
	organizer: string | null;
	attendees: string[];
}

/** What a calendar client reads from an invite, with ical.js. */
function readInvite(ics: string): ReadInvite {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const vevent = calendar.getFirstSubcomponent('vevent');
	assert.ok(vevent, 'no VEVENT');
	const event = new ICAL.Event(vevent);
	return {
		method: (calendar.getFirstPropertyValue('method') as string | null) ?? null,
		uid: event.uid,
		sequence: event.sequence ?? 0,
		status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
		start: vevent.hasProperty('dtstart') ? event.startDate.toJSDate() : null,
		end: vevent.hasProperty('dtstart') ? event.endDate.toJSDate() : null,
		// Calendar addresses are case-insensitive URIs ("MAILTO:" and "mailto:" alike).
		organizer: String(vevent.getFirstPropertyValue('organizer') ?? '').toLowerCase() || null,
		attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
	};
}

const appointment = (overrides: Partial<Appointment> = {}): Appointment => ({
	id: '5f0c2a8e-1b2c-4d5e-8f90-123456789abc',
	accountId: 1,
	contactId: 7,
	conversationId: 70,
	serviceId: 'svc-install',
	serviceName: 'Fibre installation',
	calendarId: 'installs@northwind.example',
	status: 'confirmed',
	startsAt: new Date('2027-03-29T08:00:00Z'),
	endsAt: new Date('2027-03-29T09:00:00Z'),
	timeZone: 'Europe/Madrid',
	customerTimeZone: null,
	blockedFrom: new Date('2027-03-29T07:30:00Z'),
	blockedUntil: new Date('2027-03-29T09:00:00Z'),
	holdExpiresAt: null,
	googleEventId: null,
	googleEventDeletedAt: null,
	eventAttempt: 0,
	icalSequence: 0,
	appliedSequence: 0,
	inviteSequenceSent: null,
	customerName: 'Ana Pereira, "Lisboa"',
	customerEmail: 'ana@example.net',
	language: 'es',
	cancelReason: null,
	confirmedAt: new Date('2027-03-20T10:00:00Z'),
	cancelledAt: null,
	createdAt: new Date('2027-03-20T10:00:00Z'),
	updatedAt: new Date('2027-03-20T10:00:00Z'),
	...overrides,
});

describe('appointmentIcs', () => {
	it('should write a REQUEST a real parser reads back: stable UID, SEQUENCE 0, UTC times', () => {
		const ics = appointmentIcs(appointment(), {
			kind: 'request',
			organizer,
			location: 'Calle Mayor 1, Madrid',
			now: new Date('2027-03-20T10:00:00Z'),
		});
		assert.match(ics, /\r\nMETHOD:REQUEST\r\n/);
		assert.match(ics, /\r\nDTSTART:20270329T080000Z\r\n/);
		assert.match(ics, /\r\nDTSTAMP:20270320T100000Z\r\n/);
		assert.ok(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
		const read = readInvite(ics);
		assert.deepEqual(read, {
			method: 'REQUEST',
			uid: 'appointment-5f0c2a8e-1b2c-4d5e-8f90-123456789abc@switchboard.local',
			sequence: 0,
			status: 'CONFIRMED',
			start: new Date('2027-03-29T08:00:00Z'),
			end: new Date('2027-03-29T09:00:00Z'),
			organizer: 'mailto:bookings@northwind.example',
			attendees: ['mailto:ana@example.net'],
		});
	});

	it('should keep the UID and raise SEQUENCE on a move, and send METHOD:CANCEL to cancel', () => {
		const moved = readInvite(
			appointmentIcs(
				appointment({
					icalSequence: 1,
					startsAt: new Date('2027-03-30T08:00:00Z'),
					endsAt: new Date('2027-03-30T09:00:00Z'),
				}),
				{ kind: 'request', organizer },
			),
		);
		const cancelled = readInvite(
			appointmentIcs(appointment({ icalSequence: 2 }), { kind: 'cancel', organizer }),
		);
		assert.equal(moved.uid, inviteUid(appointment()));
		assert.equal(moved.sequence, 1);
		assert.deepEqual(moved.start, new Date('2027-03-30T08:00:00Z'));
		assert.equal(cancelled.uid, inviteUid(appointment()));
		assert.deepEqual(
			[cancelled.method, cancelled.sequence, cancelled.status],
			['CANCEL', 2, 'CANCELLED'],
		);
	});

	it('should read the invites other calendars send with the same reader, as strictly', () => {
		// ical.js refuses these, as a strict client would: an empty file, BYDAY with a space, lines
		// folded with a tab and no line end. Ours must never look like them.
		const refused = ['empty.utf8_bom', 'exchange_cdo.quoted_tzid', 'podio.tab_folding'];
		const files = readdirSync(CORPUS).filter((file) => file.endsWith('.ics'));
		assert.ok(files.length >= 15);
		for (const file of files) {
			const ics = readFileSync(new URL(file, CORPUS), 'utf8');
			if (refused.some((name) => file.includes(name))) {
				assert.throws(() => readInvite(ics), file);
				continue;
			}
			const read = readInvite(ics);
			assert.ok(read.uid, `${file}: a UID`);
			if (file.includes('.cancel.')) assert.equal(read.method, 'CANCEL', file);
			if (file.includes('.request.')) {
				assert.equal(read.method, 'REQUEST', file);
				assert.ok(read.start && !Number.isNaN(read.start.getTime()), `${file}: a start`);
			}
		}
	});
});

describe('sendAppointmentEmail over SMTP', () => {
	let smtp: TestSmtpSink;
	let db: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		smtp = await startSmtpSink();
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(async () => {
		await smtp.close();
		await db.drop();
	});
	beforeEach(() => smtp.sink.store.clear());

	async function stored(): Promise<Appointment> {
		const { rows } = await pool.query<{ id: string }>(
			`insert into sb_appointments (account_id, contact_id, service_id, service_name, calendar_id, status,
				starts_at, ends_at, blocked_from, blocked_until, time_zone, customer_name, customer_email, confirmed_at)
			values (1, 7, 'svc-install', 'Fibre installation', 'installs@northwind.example', 'confirmed',
				'2027-03-29T08:00:00Z', '2027-03-29T09:00:00Z', '2027-03-29T07:30:00Z', '2027-03-29T09:00:00Z',
				'Europe/Madrid', 'Ana Pereira', 'ana@example.net', now())
			returning id`,
		);
		return (await getAppointment(pool, rows[0]!.id))!;
	}

	/** The invite.ics attachment of a raw MIME message, decoded. */
	function attachedIcs(raw: string): string {
		const part = raw
			.split(/\r\n--[^\r\n]+\r\n/)
			.find((p) => /Content-Type: application\/ics/i.test(p));
		assert.ok(part, 'an application/ics part');
		const body = part.split('\r\n\r\n').slice(1).join('\r\n\r\n');
		return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	}

	it('should mail the template’s text with an invite a real parser reads, once per version', async () => {
		const booked = await stored();
		const template = templateSchema.parse({
			key: 'appointment_confirmed',
			language: 'es',
			channel: 'email',
			subject: 'Cita confirmada: {{appointment.service}}',
			body: 'Hola {{contact.first_name}}, te esperamos el {{appointment.starts_at}} (ref. {{appointment.reference}}).',
		});
		const rendered = renderMessage(template, {
			locale: 'es-ES',
			timeZone: booked.timeZone,
			now: new Date('2027-03-20T10:00:00Z'),
			contact: { name: 'Ana Pereira' },
			appointment: appointmentFacts(booked),
		});
		const mailer = createMailer(`smtp://${smtp.smtp.host}:${smtp.smtp.port}`);
		const email = {
			kind: 'request' as const,
			organizer,
			subject: rendered.subject ?? '',
			text: rendered.text,
		};
		assert.equal(await sendAppointmentEmail({ pool, mailer }, booked, email), 'sent');
		assert.equal(await sendAppointmentEmail({ pool, mailer }, booked, email), 'already_sent');
		const mails = smtp.sink.store.list();
		assert.equal(mails.length, 1);
		const [mail] = mails;
		assert.equal(mail?.subject, 'Cita confirmada: Fibre installation');
		assert.match(
			mail?.text ?? '',
			/^Hola Ana, te esperamos el .*29.*10:00.* \(ref\. [0-9A-F]{8}\)\.$/,
		);
		assert.match(mail?.raw ?? '', /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
		const invite = readInvite(attachedIcs(mail!.raw));
		assert.equal(invite.method, 'REQUEST');
		assert.equal(invite.uid, inviteUid(booked));
		assert.deepEqual(invite.start, new Date('2027-03-29T08:00:00Z'));

		const cancelled = (await getAppointment(pool, booked.id))!;
		await pool.query(
			`update sb_appointments set status = 'cancelled', ical_sequence = 1 where id = $1`,
			[booked.id],
		);
		const outcome = await sendAppointmentEmail(
			{ pool, mailer },
			{ ...cancelled, status: 'cancelled', icalSequence: 1 },
			{ ...email, kind: 'cancel', subject: 'Cita cancelada' },
		);
		assert.equal(outcome, 'sent');
		const cancel = readInvite(attachedIcs(smtp.sink.store.list()[1]!.raw));
		assert.deepEqual(
			[cancel.method, cancel.uid, cancel.sequence],
			['CANCEL', inviteUid(booked), 1],
		);
	});

	it('should send nothing to a customer without an address', async () => {
		const booked = { ...(await stored()), customerEmail: null };
		const mailer = createMailer(`smtp://${smtp.smtp.host}:${smtp.smtp.port}`);
		assert.equal(
			await sendAppointmentEmail({ pool, mailer }, booked, {
				kind: 'request',
				organizer,
				subject: 's',
				text: 't',
			}),
			'no_address',
		);
		assert.equal(smtp.sink.store.list().length, 0);
	});
});
