// A front-desk change to an appointment in Directus (the appointments hook calls this before
// Directus saves): a move (starts_at, ends_at) or a status the desk may set (cancelled, completed,
// no_show). An impossible change is refused with a sentence for the receptionist and nothing is
// saved; an accepted one is completed with what the booking keeps beside it (buffers, SEQUENCE,
// status), so that the row stays consistent and the reconcile (staff-changes.ts) sees it pending.
import type { Appointment, AppointmentStatus } from './model.ts';
import { appointmentFromRow } from './repository.ts';

/** The part of knex (Directus's `database`) used here. */
export interface RawQuery {
	raw(sql: string, bindings: unknown[]): PromiseLike<unknown>;
}

/** The change cannot be made; `message` says why, in the receptionist's words. Nothing changed. */
export class StaffEditRefusedError extends Error {
	readonly code = 'APPOINTMENT_EDIT_REFUSED';
	readonly httpStatus = 400;

	constructor(message: string) {
		super(message);
		this.name = 'StaffEditRefusedError';
	}
}

export type StaffEditPayload = Record<string, unknown>;

/** Kept by the booking itself: a save that names one is refused. */
const COMPUTED_FIELDS = [
	'blocked_from',
	'blocked_until',
	'ical_sequence',
	'applied_sequence',
	'invite_sequence_sent',
	'google_event_id',
	'google_event_deleted_at',
	'event_attempt',
	'hold_expires_at',
	'confirmed_at',
	'cancelled_at',
	'calendar_id',
] as const;

const LIVE: readonly AppointmentStatus[] = ['confirmed', 'rescheduled'];
const DESK_STATUSES: readonly AppointmentStatus[] = ['cancelled', 'completed', 'no_show'];

/** A Directus timestamp: ISO text, UTC when it names no offset (how Directus stores them). */
function instant(value: unknown, field: string): Date {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value : null;
	const date =
		text instanceof Date
			? text
			: text
				? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`)
				: null;
	if (!date || Number.isNaN(date.getTime())) {
		throw new StaffEditRefusedError(`"${field}" must be a date and time, e.g. 2027-03-15T10:00.`);
	}
	return date;
}

function wallTime(date: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone,
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
	}).format(date);
}

async function readAppointment(db: RawQuery, id: string): Promise<Appointment | null> {
	const result = (await db.raw('select * from sb_appointments where id = ?', [id])) as {
		rows: unknown[];
	};
	return result.rows[0] ? appointmentFromRow(result.rows[0]) : null;
}

/** The first live appointment on the calendar whose time (buffers included) overlaps `span`. */
async function overlapping(
	db: RawQuery,
	appointment: Appointment,
	span: { start: Date; end: Date },
	now: Date,
): Promise<Appointment | null> {
	const result = (await db.raw(
		`select * from sb_appointments
		where calendar_id = ? and id <> ?
			and (status in ('confirmed', 'rescheduled') or (status = 'held' and hold_expires_at > ?))
			and tstzrange(blocked_from, blocked_until) && tstzrange(?, ?)
		order by starts_at limit 1`,
		[appointment.calendarId, appointment.id, now, span.start, span.end],
	)) as { rows: unknown[] };
	return result.rows[0] ? appointmentFromRow(result.rows[0]) : null;
}

/**
 * The payload to save for a receptionist's edit of the appointments `keys`, or a
 * StaffEditRefusedError saying why it cannot be made. Edits of other fields pass unchanged.
 */
export async function reviewStaffEdit(
	db: RawQuery,
	keys: readonly string[],
	payload: StaffEditPayload,
	now: Date = new Date(),
): Promise<StaffEditPayload> {
	const named = COMPUTED_FIELDS.filter((field) => field in payload);
	if (named.length) {
		throw new StaffEditRefusedError(
			`${named.map((f) => `"${f}"`).join(', ')} ${named.length > 1 ? 'are' : 'is'} kept by the booking itself and cannot be changed here.`,
		);
	}
	const moving = 'starts_at' in payload || 'ends_at' in payload;
	const statusChange = 'status' in payload;
	if (!moving && !statusChange) return payload;
	// One SEQUENCE and one set of buffers per row: a batch edit would need one payload each.
	if (keys.length !== 1) {
		throw new StaffEditRefusedError(
			'Move or cancel one appointment at a time (open it, change it, save).',
		);
	}
	const current = await readAppointment(db, keys[0]!);
	if (!current) throw new StaffEditRefusedError(`There is no appointment ${keys[0]}.`);
	const status = (statusChange ? payload.status : current.status) as AppointmentStatus;
	const start = 'starts_at' in payload ? instant(payload.starts_at, 'starts_at') : current.startsAt;
	// Moving the start alone keeps the length; dragging in the calendar sends both.
	const end =
		'ends_at' in payload
			? instant(payload.ends_at, 'ends_at')
			: new Date(start.getTime() + (current.endsAt.getTime() - current.startsAt.getTime()));
	const moved =
		start.getTime() !== current.startsAt.getTime() || end.getTime() !== current.endsAt.getTime();

	if (status !== current.status) {
		return { ...payload, ...statusPayload(current, status, payload, moved, now) };
	}
	if (!moved) return payload;
	return { ...payload, ...(await movePayload(db, current, start, end, now)) };
}

function statusPayload(
	current: Appointment,
	status: AppointmentStatus,
	payload: StaffEditPayload,
	moved: boolean,
	now: Date,
): StaffEditPayload {
	if (!DESK_STATUSES.includes(status)) {
		throw new StaffEditRefusedError(
			`The status can be set to Cancelled, Completed or No-show here; "${String(status)}" is set by the booking itself.`,
		);
	}
	if (moved) {
		throw new StaffEditRefusedError(
			'Move the appointment or change its status, not both in one save.',
		);
	}
	if (status === 'cancelled') {
		if (!['held', 'confirmed', 'rescheduled'].includes(current.status)) {
			throw new StaffEditRefusedError(
				`This appointment is ${current.status}: only a held, confirmed or rescheduled one can be cancelled.`,
			);
		}
		return {
			status,
			cancelled_at: now.toISOString(),
			hold_expires_at: null,
			cancel_reason:
				typeof payload.cancel_reason === 'string' && payload.cancel_reason.trim()
					? payload.cancel_reason
					: (current.cancelReason ?? 'Cancelled by the front desk.'),
			// A held time was never confirmed to the customer: nothing to withdraw.
			ical_sequence: current.icalSequence + (current.status === 'held' ? 0 : 1),
			updated_at: now.toISOString(),
		};
	}
	if (!LIVE.includes(current.status)) {
		throw new StaffEditRefusedError(
			`This appointment is ${current.status}: only a confirmed or rescheduled one can be marked ${status === 'no_show' ? 'No-show' : 'Completed'}.`,
		);
	}
	return { status, updated_at: now.toISOString() };
}

async function movePayload(
	db: RawQuery,
	current: Appointment,
	start: Date,
	end: Date,
	now: Date,
): Promise<StaffEditPayload> {
	const zone = current.timeZone;
	if (!LIVE.includes(current.status)) {
		throw new StaffEditRefusedError(
			`This appointment is ${current.status}: only a confirmed or rescheduled one can be moved.`,
		);
	}
	if (end.getTime() <= start.getTime()) {
		throw new StaffEditRefusedError(
			`The end (${wallTime(end, zone)}) must be after the start (${wallTime(start, zone)}), ${zone} time.`,
		);
	}
	if (start.getTime() <= now.getTime()) {
		throw new StaffEditRefusedError(
			`The new start (${wallTime(start, zone)}, ${zone} time) has already passed.`,
		);
	}
	// The service's buffers move with it.
	const blocked = {
		start: new Date(start.getTime() - (current.startsAt.getTime() - current.blockedFrom.getTime())),
		end: new Date(end.getTime() + (current.blockedUntil.getTime() - current.endsAt.getTime())),
	};
	const other = await overlapping(db, current, blocked, now);
	if (other) {
		const who = [other.serviceName, other.customerName].filter(Boolean).join(' · ');
		throw new StaffEditRefusedError(
			`That time overlaps another appointment on the same calendar: ${who}, ${wallTime(other.startsAt, zone)}–${wallTime(other.endsAt, zone)} (${zone} time, buffers included). Choose another time.`,
		);
	}
	return {
		starts_at: start.toISOString(),
		ends_at: end.toISOString(),
		blocked_from: blocked.start.toISOString(),
		blocked_until: blocked.end.toISOString(),
		status: 'rescheduled',
		ical_sequence: current.icalSequence + 1,
		updated_at: now.toISOString(),
	};
}
