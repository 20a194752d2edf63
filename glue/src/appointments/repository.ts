// sb_appointments, the booking ledger (migration 0016). Every write that can make two live
// appointments overlap relies on the table's exclusion constraint, never on a read before it.
import type { Pool, PoolClient } from 'pg';
import type { Interval } from './calendar/model.ts';
import type { Appointment, AppointmentStatus } from './model.ts';

type Queryable = Pool | PoolClient;

/** PostgreSQL's exclusion_violation: the time overlaps a live appointment on that calendar. */
export const EXCLUSION_VIOLATION = '23P01';

export function isOverlapRefusal(error: unknown): boolean {
	return (error as { code?: string } | null)?.code === EXCLUSION_VIOLATION;
}

/**
 * PostgreSQL's deadlock_detected. Two writes checking the exclusion constraint at once (a new hold,
 * and the winner's own row updated while it is inserted) can each wait for the other: PostgreSQL
 * aborts one, and running it again gives the real answer (the time, or exclusion_violation).
 */
export function isDeadlock(error: unknown): boolean {
	return (error as { code?: string } | null)?.code === '40P01';
}

interface AppointmentRow {
	id: string;
	account_id: string;
	contact_id: string;
	conversation_id: string | null;
	service_id: string;
	service_name: string;
	calendar_id: string;
	status: AppointmentStatus;
	starts_at: Date;
	ends_at: Date;
	time_zone: string;
	customer_time_zone: string | null;
	blocked_from: Date;
	blocked_until: Date;
	hold_expires_at: Date | null;
	google_event_id: string | null;
	google_event_deleted_at: Date | null;
	event_attempt: number;
	ical_sequence: number;
	applied_sequence: number;
	invite_sequence_sent: number | null;
	customer_name: string | null;
	customer_email: string | null;
	language: string | null;
	cancel_reason: string | null;
	confirmed_at: Date | null;
	cancelled_at: Date | null;
	created_at: Date;
	updated_at: Date;
}

function toAppointment(row: AppointmentRow): Appointment {
	return {
		id: row.id,
		accountId: Number(row.account_id),
		contactId: Number(row.contact_id),
		conversationId: row.conversation_id === null ? null : Number(row.conversation_id),
		serviceId: row.service_id,
		serviceName: row.service_name,
		calendarId: row.calendar_id,
		status: row.status,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		timeZone: row.time_zone,
		customerTimeZone: row.customer_time_zone,
		blockedFrom: row.blocked_from,
		blockedUntil: row.blocked_until,
		holdExpiresAt: row.hold_expires_at,
		googleEventId: row.google_event_id,
		googleEventDeletedAt: row.google_event_deleted_at,
		eventAttempt: row.event_attempt,
		icalSequence: row.ical_sequence,
		appliedSequence: row.applied_sequence,
		inviteSequenceSent: row.invite_sequence_sent,
		customerName: row.customer_name,
		customerEmail: row.customer_email,
		language: row.language,
		cancelReason: row.cancel_reason,
		confirmedAt: row.confirmed_at,
		cancelledAt: row.cancelled_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
	};
}

const one = (rows: AppointmentRow[]) => (rows[0] ? toAppointment(rows[0]) : null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getAppointment(db: Queryable, id: string): Promise<Appointment | null> {
	if (!UUID.test(id)) return null;
	const { rows } = await db.query<AppointmentRow>('select * from sb_appointments where id = $1', [
		id,
	]);
	return one(rows);
}

/** A contact's appointments, soonest first; `active` keeps those still ahead of them. */
export async function listAppointments(
	db: Queryable,
	filter: { accountId: number; contactId: number; active?: boolean },
): Promise<Appointment[]> {
	const { rows } = await db.query<AppointmentRow>(
		`select * from sb_appointments
		where account_id = $1 and contact_id = $2
			and (not $3 or status in ('held', 'confirmed', 'rescheduled'))
		order by starts_at`,
		[filter.accountId, filter.contactId, filter.active ?? false],
	);
	return rows.map(toAppointment);
}

/** Live appointments' blocked spans on a calendar in a window (buffers included). */
export async function blockedOn(
	db: Queryable,
	calendarId: string,
	window: Interval,
	now: Date,
	exceptId?: string,
): Promise<Interval[]> {
	const { rows } = await db.query<{ blocked_from: Date; blocked_until: Date }>(
		`select blocked_from, blocked_until from sb_appointments
		where calendar_id = $1
			and (status in ('confirmed', 'rescheduled') or (status = 'held' and hold_expires_at > $4))
			and tstzrange(blocked_from, blocked_until) && tstzrange($2, $3)
			and ($5::uuid is null or id <> $5::uuid)`,
		[calendarId, window.start, window.end, now, exceptId ?? null],
	);
	return rows.map((row) => ({ start: row.blocked_from, end: row.blocked_until }));
}

/**
 * Marks lapsed holds overlapping `span` expired so they stop blocking it; run in the transaction
 * that then claims the span.
 */
export async function expireStaleHolds(
	db: Queryable,
	calendarId: string,
	span: Interval,
	now: Date,
): Promise<void> {
	await db.query(
		`update sb_appointments set status = 'expired', updated_at = $4
		where calendar_id = $1 and status = 'held' and hold_expires_at <= $4
			and tstzrange(blocked_from, blocked_until) && tstzrange($2, $3)`,
		[calendarId, span.start, span.end, now],
	);
}

/**
 * Marks every lapsed hold (of one calendar, or all) expired, so staff do not see them as held;
 * returns how many. Correctness never waits for it: lapsed holds block nothing.
 */
export async function expireLapsedHolds(
	db: Queryable,
	now: Date,
	calendarId?: string,
): Promise<number> {
	const { rowCount } = await db.query(
		`update sb_appointments set status = 'expired', updated_at = $1
		where status = 'held' and hold_expires_at <= $1 and ($2::text is null or calendar_id = $2)`,
		[now, calendarId ?? null],
	);
	return rowCount ?? 0;
}

export interface NewHold {
	accountId: number;
	contactId: number;
	conversationId: number | null;
	serviceId: string;
	serviceName: string;
	calendarId: string;
	startsAt: Date;
	endsAt: Date;
	blockedFrom: Date;
	blockedUntil: Date;
	timeZone: string;
	customerTimeZone: string | null;
	holdExpiresAt: Date;
	customerName: string | null;
	customerEmail: string | null;
	language: string | null;
	now: Date;
}

/**
 * The customer's own live hold or appointment at exactly this time, e.g. left by an earlier
 * attempt of the same request whose answer was lost: theirs again rather than "taken".
 */
export async function ownLiveAt(
	db: Queryable,
	own: {
		accountId: number;
		contactId: number;
		conversationId: number;
		serviceId: string;
		calendarId: string;
		startsAt: Date;
	},
	now: Date,
): Promise<Appointment | null> {
	const { rows } = await db.query<AppointmentRow>(
		`select * from sb_appointments
		where account_id = $1 and contact_id = $2 and conversation_id = $3 and service_id = $4
			and calendar_id = $5 and starts_at = $6
			and (status in ('confirmed', 'rescheduled') or (status = 'held' and hold_expires_at > $7))
		order by created_at desc limit 1`,
		[
			own.accountId,
			own.contactId,
			own.conversationId,
			own.serviceId,
			own.calendarId,
			own.startsAt,
			now,
		],
	);
	return one(rows);
}

/** Throws exclusion_violation (see isOverlapRefusal) when the span is taken. */
export async function insertHold(db: Queryable, hold: NewHold): Promise<Appointment> {
	const { rows } = await db.query<AppointmentRow>(
		`insert into sb_appointments (
			account_id, contact_id, conversation_id, service_id, service_name, calendar_id, status,
			starts_at, ends_at, blocked_from, blocked_until, time_zone, customer_time_zone,
			hold_expires_at, customer_name, customer_email, language, created_at, updated_at)
		values ($1, $2, $3, $4, $5, $6, 'held', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
		returning *`,
		[
			hold.accountId,
			hold.contactId,
			hold.conversationId,
			hold.serviceId,
			hold.serviceName,
			hold.calendarId,
			hold.startsAt,
			hold.endsAt,
			hold.blockedFrom,
			hold.blockedUntil,
			hold.timeZone,
			hold.customerTimeZone,
			hold.holdExpiresAt,
			hold.customerName,
			hold.customerEmail,
			hold.language,
			hold.now,
		],
	);
	return toAppointment(rows[0]!);
}

/**
 * Holds the appointment's time again until `until` (a lapsed hold too, when the time is still
 * free); null when it is no longer a hold. Throws exclusion_violation when the time was taken.
 */
export async function renewHold(
	db: Queryable,
	id: string,
	until: Date,
	now: Date,
): Promise<Appointment | null> {
	const { rows } = await db.query<AppointmentRow>(
		`update sb_appointments set status = 'held', hold_expires_at = greatest(hold_expires_at, $2), updated_at = $3
		where id = $1 and status in ('held', 'expired') returning *`,
		[id, until, now],
	);
	return one(rows);
}

/** Records the event id about to be inserted (and the attempt, when an id was burned). */
export async function setEvent(
	db: Queryable,
	id: string,
	eventId: string,
	attempt: number,
): Promise<void> {
	await db.query(
		`update sb_appointments set google_event_id = $2, event_attempt = $3, google_event_deleted_at = null
		where id = $1`,
		[id, eventId, attempt],
	);
}

/** held → confirmed; null when it was no longer held (the hold was lost meanwhile). */
export async function markConfirmed(
	db: Queryable,
	id: string,
	now: Date,
): Promise<Appointment | null> {
	const { rows } = await db.query<AppointmentRow>(
		`update sb_appointments
		set status = 'confirmed', confirmed_at = $2, hold_expires_at = null, updated_at = $2
		where id = $1 and status = 'held' returning *`,
		[id, now],
	);
	return one(rows);
}

/** Releases a hold that cannot become an appointment (its time is busy in Google). */
export async function releaseHold(db: Queryable, id: string, now: Date): Promise<void> {
	await db.query(
		`update sb_appointments set status = 'expired', updated_at = $2 where id = $1 and status = 'held'`,
		[id, now],
	);
}

/** Moves a live appointment; throws exclusion_violation when the new time is taken. */
export async function moveAppointment(
	db: Queryable,
	id: string,
	move: { startsAt: Date; endsAt: Date; blockedFrom: Date; blockedUntil: Date; now: Date },
): Promise<Appointment | null> {
	const { rows } = await db.query<AppointmentRow>(
		`update sb_appointments
		set starts_at = $2, ends_at = $3, blocked_from = $4, blocked_until = $5, status = 'rescheduled',
			ical_sequence = ical_sequence + 1, applied_sequence = ical_sequence + 1, updated_at = $6
		where id = $1 and status in ('confirmed', 'rescheduled') returning *`,
		[id, move.startsAt, move.endsAt, move.blockedFrom, move.blockedUntil, move.now],
	);
	return one(rows);
}

export async function markCancelled(
	db: Queryable,
	id: string,
	reason: string | null,
	now: Date,
): Promise<Appointment | null> {
	const { rows } = await db.query<AppointmentRow>(
		`update sb_appointments
		set status = 'cancelled', cancelled_at = $3, cancel_reason = $2, hold_expires_at = null,
			ical_sequence = ical_sequence + case when status = 'held' then 0 else 1 end,
			applied_sequence = ical_sequence + case when status = 'held' then 0 else 1 end, updated_at = $3
		where id = $1 and status in ('held', 'confirmed', 'rescheduled', 'expired') returning *`,
		[id, reason, now],
	);
	return one(rows);
}

export async function markEventDeleted(db: Queryable, id: string, now: Date): Promise<void> {
	await db.query('update sb_appointments set google_event_deleted_at = $2 where id = $1', [
		id,
		now,
	]);
}

/**
 * Appointments no longer live whose Google event may still be there: cancelled in Directus by
 * staff, or a hold whose confirm stopped half-way.
 */
export async function eventsToDelete(db: Queryable, limit = 50): Promise<Appointment[]> {
	const { rows } = await db.query<AppointmentRow>(
		`select * from sb_appointments
		where status in ('cancelled', 'expired') and google_event_id is not null
			and google_event_deleted_at is null
		order by updated_at limit $1`,
		[limit],
	);
	return rows.map(toAppointment);
}

/** Claims the sending of the invite at the appointment's current SEQUENCE; false: already sent. */
export async function claimInvite(db: Queryable, id: string, sequence: number): Promise<boolean> {
	const { rowCount } = await db.query(
		`update sb_appointments set invite_sequence_sent = $2
		where id = $1 and (invite_sequence_sent is null or invite_sequence_sent < $2)`,
		[id, sequence],
	);
	return rowCount === 1;
}

/** Gives a claim back when the mail could not be sent, so a retry sends it. */
export async function unclaimInvite(
	db: Queryable,
	id: string,
	previous: number | null,
): Promise<void> {
	await db.query('update sb_appointments set invite_sequence_sent = $2 where id = $1', [
		id,
		previous,
	]);
}

/**
 * Appointments changed in Directus whose change has not reached Google, the reminders and the
 * customer yet (migration 0019), oldest change first.
 */
export async function staffChangesPending(db: Queryable, limit = 50): Promise<Appointment[]> {
	const { rows } = await db.query<AppointmentRow>(
		`select * from sb_appointments where applied_sequence < ical_sequence
		order by updated_at limit $1`,
		[limit],
	);
	return rows.map(toAppointment);
}

/** Claims telling the customer about the change at `sequence`; false: told already. */
export async function claimApplied(db: Queryable, id: string, sequence: number): Promise<boolean> {
	const { rowCount } = await db.query(
		`update sb_appointments set applied_sequence = $2
		where id = $1 and applied_sequence < $2 and ical_sequence = $2`,
		[id, sequence],
	);
	return rowCount === 1;
}

/** Gives the claim back when the customer could not be told, so the next run tries again. */
export async function unclaimApplied(db: Queryable, id: string, previous: number): Promise<void> {
	await db.query('update sb_appointments set applied_sequence = $2 where id = $1', [id, previous]);
}

/** A row of sb_appointments read by other means (Directus's knex in the appointments hook). */
export function appointmentFromRow(row: unknown): Appointment {
	return toAppointment(row as AppointmentRow);
}
