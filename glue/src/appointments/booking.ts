// Holding, booking, moving and cancelling an appointment. Postgres (sb_appointments) is the
// source of truth and the referee: its exclusion constraint decides which of two customers gets
// a time; Google Calendar is re-checked right before each write (staff may have filled the time
// since it was offered) and written with an id derived from the booking, so a retry can never
// create a second event (reference §2.9).
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod/v4';
import type { OpeningHours } from '../content/schemas.ts';
import { openingHoursSchema } from '../content/schemas.ts';
import { withRetry, type RetryPolicy } from '../common/retry.ts';
import { AppointmentInputError } from './appointment-input-error.ts';
import { CalendarEventIdTakenError, eventIdFor, type CalendarClient } from './calendar/client.ts';
import type { Interval } from './calendar/model.ts';
import { blockedSpan, computeFreeTimes, overlaps, slotProblem, subtract } from './free-times.ts';
import {
	appointmentServiceSchema,
	bookingSettingsSchema,
	customerSchema,
	timeZoneSchema,
	type Appointment,
	type AppointmentService,
	type AppointmentServiceInput,
	type BookingResult,
	type BookingSettings,
	type BookingSettingsInput,
	type Customer,
	type Slot,
} from './model.ts';
import * as repo from './repository.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
// A confirm renews the hold for at least this long: enough for the Google calls it makes.
const CONFIRM_LEASE_MS = 2 * MINUTE;

export interface AppointmentDeps {
	pool: Pool;
	calendar: CalendarClient;
	now?: () => Date;
}

/** What a booking needs to know about the business: the service, its hours and zone, the rules. */
export interface BookingContext {
	service: AppointmentServiceInput;
	/** The department's hours, or the business's (routing's effectiveHours). */
	hours: OpeningHours;
	/** The business's IANA zone. */
	timeZone: string;
	settings?: BookingSettingsInput;
}

interface ParsedContext {
	service: AppointmentService;
	hours: OpeningHours;
	timeZone: string;
	settings: BookingSettings;
}

const contextSchema = z.object({
	service: appointmentServiceSchema,
	hours: openingHoursSchema,
	timeZone: timeZoneSchema,
	settings: bookingSettingsSchema.default(bookingSettingsSchema.parse({})),
});

function parseContext(context: BookingContext): ParsedContext {
	const parsed = contextSchema.safeParse(context);
	if (!parsed.success) throw new AppointmentInputError('booking context', parsed.error);
	return parsed.data;
}

const validDate = z.date().refine((date) => !Number.isNaN(date.getTime()), 'an invalid date');

function parseStart(start: Date): Date {
	const parsed = validDate.safeParse(start);
	if (!parsed.success) throw new AppointmentInputError('start', parsed.error);
	return parsed.data;
}

const clock = (deps: AppointmentDeps) => deps.now?.() ?? new Date();

function slotAt(start: Date, service: AppointmentService): Slot {
	return { start, end: new Date(start.getTime() + service.durationMinutes * MINUTE) };
}

async function busyBetween(
	deps: AppointmentDeps,
	ctx: ParsedContext,
	window: Interval,
	now: Date,
	except?: Appointment,
): Promise<Interval[]> {
	const [google, ours] = await Promise.all([
		deps.calendar.freeBusy(ctx.service.calendarId, window.start, window.end),
		repo.blockedOn(deps.pool, ctx.service.calendarId, window, now, except?.id),
	]);
	// The appointment being moved must not block its own new time.
	const googleBusy = except
		? subtract(google, { start: except.startsAt, end: except.endsAt })
		: google;
	return [...googleBusy, ...ours];
}

export interface FreeTimesRequest extends BookingContext {
	/** Only times at or after this. */
	after?: Date;
	limit?: number;
	/** Moving this appointment: its own time counts as free. */
	exceptAppointmentId?: string;
}

/**
 * The next free times to offer: Google's free/busy and our own live appointments, within opening
 * hours, lead time and horizon.
 */
export async function findFreeTimes(
	deps: AppointmentDeps,
	request: FreeTimesRequest,
): Promise<Slot[]> {
	const ctx = parseContext(request);
	return freeTimesFor(deps, ctx, request);
}

async function freeTimesFor(
	deps: AppointmentDeps,
	ctx: ParsedContext,
	options: { after?: Date; limit?: number; exceptAppointmentId?: string },
): Promise<Slot[]> {
	const now = clock(deps);
	const except = options.exceptAppointmentId
		? ((await repo.getAppointment(deps.pool, options.exceptAppointmentId)) ?? undefined)
		: undefined;
	const window = {
		start: new Date(now.getTime() - ctx.service.bufferAfterMinutes * MINUTE),
		end: new Date(
			now.getTime() + (ctx.settings.horizonDays + 1) * DAY + ctx.service.durationMinutes * MINUTE,
		),
	};
	// Tidy for staff's calendar while we are here: offering times is when holds lapse most.
	await repo.expireLapsedHolds(deps.pool, now, ctx.service.calendarId);
	const busy = await busyBetween(deps, ctx, window, now, except);
	return computeFreeTimes({ ...ctx, busy, now, after: options.after, limit: options.limit });
}

/** Next options after a refusal: after the time refused, else from now. */
async function alternatives(
	deps: AppointmentDeps,
	ctx: ParsedContext,
	after: Date,
	exceptAppointmentId?: string,
): Promise<Slot[]> {
	const next = await freeTimesFor(deps, ctx, { after, exceptAppointmentId });
	return next.length ? next : freeTimesFor(deps, ctx, { exceptAppointmentId });
}

// A deadlock aborts only one of the writes involved, at once: run it again, soon.
const DEADLOCK_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 };

/** A write on sb_appointments, run again when PostgreSQL aborted it to break a deadlock. */
function write<T>(work: () => Promise<T>): Promise<T> {
	return withRetry(DEADLOCK_RETRY, work, { retryable: repo.isDeadlock });
}

function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
	return write(() => transaction(pool, work));
}

async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		const result = await work(client);
		await client.query('commit');
		return result;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

export interface HoldRequest extends BookingContext {
	start: Date;
	customer: Customer;
	/**
	 * When this time was offered to the customer. An offer stands for the hold time: lead time
	 * and horizon are judged as of the offer, so a time offered at 14:59:58 is not refused as too
	 * soon when tapped at 15:00:01. Ignored when older than the hold time or in the future.
	 */
	offeredAt?: Date;
}

/** The instant the booking rules (lead time, horizon) are applied at: the offer's, if recent. */
function rulesClock(now: Date, offeredAt: Date | undefined, settings: BookingSettings): Date {
	if (!offeredAt || Number.isNaN(offeredAt.getTime())) return now;
	const age = now.getTime() - offeredAt.getTime();
	return age >= 0 && age <= settings.holdMinutes * MINUTE ? offeredAt : now;
}

/**
 * Holds a time for a customer for settings.holdMinutes. Refused with the next options when it is
 * outside the rules, busy in Google, or another customer holds it.
 */
export async function holdSlot(
	deps: AppointmentDeps,
	request: HoldRequest,
): Promise<BookingResult> {
	const ctx = parseContext(request);
	const start = parseStart(request.start);
	const customer = customerSchema.safeParse(request.customer);
	if (!customer.success) throw new AppointmentInputError('customer', customer.error);
	const now = clock(deps);
	const slot = slotAt(start, ctx.service);
	const blocked = blockedSpan(slot, ctx.service);
	const refuse = async (reason: 'unavailable' | 'taken'): Promise<BookingResult> => ({
		ok: false,
		reason,
		alternatives: await alternatives(deps, ctx, start),
	});
	const rulesNow = rulesClock(now, request.offeredAt, ctx.settings);
	if (slotProblem(start, { ...ctx, busy: [], now: rulesNow }) !== null) {
		return refuse('unavailable');
	}
	// Ours first: cheaper than Google, and the refusal says why. The insert below still decides.
	if ((await repo.blockedOn(deps.pool, ctx.service.calendarId, blocked, now)).length) {
		// A retry of a request whose first attempt held the time (its run failed or its answer was
		// lost) finds its own hold: still the customer's, never "taken" from them by themselves.
		const conversationId = customer.data.conversationId;
		const own = conversationId
			? await repo.ownLiveAt(
					deps.pool,
					{
						accountId: customer.data.accountId,
						contactId: customer.data.contactId,
						conversationId,
						serviceId: ctx.service.id,
						calendarId: ctx.service.calendarId,
						startsAt: slot.start,
					},
					now,
				)
			: null;
		return own ? { ok: true, appointment: own } : refuse('taken');
	}
	const googleBusy = await deps.calendar.freeBusy(
		ctx.service.calendarId,
		blocked.start,
		blocked.end,
	);
	if (googleBusy.some((busy) => overlaps(busy, blocked))) return refuse('unavailable');
	try {
		const appointment = await inTransaction(deps.pool, async (db) => {
			await repo.expireStaleHolds(db, ctx.service.calendarId, blocked, now);
			return repo.insertHold(db, {
				accountId: customer.data.accountId,
				contactId: customer.data.contactId,
				conversationId: customer.data.conversationId ?? null,
				serviceId: ctx.service.id,
				serviceName: ctx.service.name,
				calendarId: ctx.service.calendarId,
				startsAt: slot.start,
				endsAt: slot.end,
				blockedFrom: blocked.start,
				blockedUntil: blocked.end,
				timeZone: ctx.timeZone,
				customerTimeZone: customer.data.timeZone ?? null,
				holdExpiresAt: new Date(now.getTime() + ctx.settings.holdMinutes * MINUTE),
				customerName: customer.data.name ?? null,
				customerEmail: customer.data.email ?? null,
				language: customer.data.language ?? null,
				now,
			});
		});
		return { ok: true, appointment };
	} catch (error) {
		if (repo.isOverlapRefusal(error)) return refuse('taken');
		throw error;
	}
}

function summaryOf(appointment: Appointment): string {
	return appointment.customerName
		? `${appointment.serviceName} - ${appointment.customerName}`
		: appointment.serviceName;
}

/**
 * Turns a hold into an appointment: re-checks Google, creates the event (idempotently), confirms.
 * Repeating it for a confirmed appointment returns it unchanged.
 */
export async function confirmAppointment(
	deps: AppointmentDeps,
	id: string,
	context: BookingContext,
): Promise<BookingResult> {
	const ctx = parseContext(context);
	const now = clock(deps);
	const found = await repo.getAppointment(deps.pool, id);
	if (!found) return { ok: false, reason: 'not_found', alternatives: [] };
	if (found.status === 'confirmed' || found.status === 'rescheduled') {
		return { ok: true, appointment: found };
	}
	if (found.status !== 'held' && found.status !== 'expired') {
		return { ok: false, reason: 'not_active', alternatives: [], appointment: found };
	}
	const blocked = { start: found.blockedFrom, end: found.blockedUntil };
	const lapsed = async (): Promise<BookingResult> => ({
		ok: false,
		reason: 'hold_expired',
		alternatives: await alternatives(deps, ctx, found.startsAt),
		appointment: found,
	});
	// Renew the lease (a lapsed hold too, if nobody took the time meanwhile).
	let held: Appointment | null;
	try {
		held = await inTransaction(deps.pool, async (db) => {
			await repo.expireStaleHolds(db, found.calendarId, blocked, now);
			return repo.renewHold(
				db,
				id,
				new Date(now.getTime() + Math.max(ctx.settings.holdMinutes * MINUTE, CONFIRM_LEASE_MS)),
				now,
			);
		});
	} catch (error) {
		if (repo.isOverlapRefusal(error)) return lapsed();
		throw error;
	}
	if (!held) return confirmAppointmentAfterRace(deps, id, ctx);

	let attempt = held.eventAttempt;
	let eventId = held.googleEventId ?? eventIdFor(held.id, attempt);
	// Staff may have filled the time in Google since it was offered. Our own event, inserted by an
	// earlier attempt of this confirm, is not a conflict.
	let busy = await deps.calendar.freeBusy(held.calendarId, blocked.start, blocked.end);
	if (busy.some((b) => overlaps(b, blocked))) {
		const ours = await deps.calendar.getEvent(held.calendarId, eventId);
		if (ours?.start && ours.end && ours.status !== 'cancelled' && ours.bookingId === held.id) {
			busy = subtract(busy, { start: ours.start, end: ours.end });
		}
	}
	if (busy.some((b) => overlaps(b, blocked))) {
		await repo.releaseHold(deps.pool, held.id, now);
		return {
			ok: false,
			reason: 'unavailable',
			alternatives: await alternatives(deps, ctx, held.startsAt),
			appointment: held,
		};
	}
	await write(() => repo.setEvent(deps.pool, held.id, eventId, attempt));
	const event = {
		bookingId: held.id,
		summary: summaryOf(held),
		description: `Booked over chat. Reference ${held.id}.`,
		start: held.startsAt,
		end: held.endsAt,
		timeZone: held.timeZone,
	};
	try {
		await deps.calendar.insertEvent(held.calendarId, { ...event, id: eventId });
	} catch (error) {
		// Ids stay taken after a delete (a cancelled earlier attempt): take the next one.
		if (!(error instanceof CalendarEventIdTakenError) || !error.burned) throw error;
		attempt += 1;
		eventId = eventIdFor(held.id, attempt);
		await write(() => repo.setEvent(deps.pool, held.id, eventId, attempt));
		await deps.calendar.insertEvent(held.calendarId, { ...event, id: eventId });
	}
	// Google has no "insert if free": staff may have filled the time between the re-check and the
	// insert. Look once more and give the time up rather than double-book (reference §2.9, step 6).
	const rivals = (
		await deps.calendar.listEvents(held.calendarId, blocked.start, blocked.end)
	).filter(
		(other) =>
			other.id !== eventId &&
			other.bookingId !== held.id &&
			!other.free &&
			other.start &&
			other.end &&
			overlaps({ start: other.start, end: other.end }, blocked),
	);
	if (rivals.length) {
		await deps.calendar.deleteEvent(held.calendarId, eventId);
		await repo.markEventDeleted(deps.pool, held.id, clock(deps));
		await repo.releaseHold(deps.pool, held.id, now);
		return {
			ok: false,
			reason: 'unavailable',
			alternatives: await alternatives(deps, ctx, held.startsAt),
			appointment: held,
		};
	}
	const confirmed = await write(() => repo.markConfirmed(deps.pool, held.id, clock(deps)));
	if (confirmed) return { ok: true, appointment: confirmed };
	// The hold was lost while Google was being written (cancelled, or lapsed and taken): undo.
	await deps.calendar.deleteEvent(held.calendarId, eventId);
	await repo.markEventDeleted(deps.pool, held.id, clock(deps));
	return confirmAppointmentAfterRace(deps, id, ctx);
}

/** The answer when the row changed under a confirm: what it is now. */
async function confirmAppointmentAfterRace(
	deps: AppointmentDeps,
	id: string,
	ctx: ParsedContext,
): Promise<BookingResult> {
	const current = await repo.getAppointment(deps.pool, id);
	if (!current) return { ok: false, reason: 'not_found', alternatives: [] };
	if (current.status === 'confirmed' || current.status === 'rescheduled') {
		return { ok: true, appointment: current };
	}
	if (current.status === 'expired') {
		return {
			ok: false,
			reason: 'hold_expired',
			alternatives: await alternatives(deps, ctx, current.startsAt),
			appointment: current,
		};
	}
	return { ok: false, reason: 'not_active', alternatives: [], appointment: current };
}

/** Hold and confirm in one go. */
export async function bookSlot(
	deps: AppointmentDeps,
	request: HoldRequest,
): Promise<BookingResult> {
	const hold = await holdSlot(deps, request);
	if (!hold.ok) return hold;
	return confirmAppointment(deps, hold.appointment.id, request);
}

export interface RescheduleRequest extends BookingContext {
	start: Date;
	/** When this time was offered (see HoldRequest.offeredAt). */
	offeredAt?: Date;
}

/**
 * Moves a confirmed appointment: the same Google event is patched (Google bumps its sequence),
 * the invite's SEQUENCE grows by one, the old time is freed. Refused with options like a hold.
 */
export async function rescheduleAppointment(
	deps: AppointmentDeps,
	id: string,
	request: RescheduleRequest,
): Promise<BookingResult> {
	const ctx = parseContext(request);
	const start = parseStart(request.start);
	const now = clock(deps);
	const current = await repo.getAppointment(deps.pool, id);
	if (!current) return { ok: false, reason: 'not_found', alternatives: [] };
	if (current.status !== 'confirmed' && current.status !== 'rescheduled') {
		return { ok: false, reason: 'not_active', alternatives: [], appointment: current };
	}
	const slot = slotAt(start, ctx.service);
	const blocked = blockedSpan(slot, ctx.service);
	const refuse = async (reason: 'unavailable' | 'taken'): Promise<BookingResult> => ({
		ok: false,
		reason,
		alternatives: await alternatives(deps, ctx, start, id),
		appointment: current,
	});
	const rulesNow = rulesClock(now, request.offeredAt, ctx.settings);
	if (slotProblem(start, { ...ctx, busy: [], now: rulesNow }) !== null) {
		return refuse('unavailable');
	}
	const googleBusy = subtract(
		await deps.calendar.freeBusy(current.calendarId, blocked.start, blocked.end),
		{ start: current.startsAt, end: current.endsAt },
	);
	if (googleBusy.some((busy) => overlaps(busy, blocked))) return refuse('unavailable');
	try {
		// Google is patched inside the transaction: if it fails, the old time stays ours.
		const moved = await inTransaction(deps.pool, async (db) => {
			await repo.expireStaleHolds(db, current.calendarId, blocked, now);
			const row = await repo.moveAppointment(db, id, {
				startsAt: slot.start,
				endsAt: slot.end,
				blockedFrom: blocked.start,
				blockedUntil: blocked.end,
				now,
			});
			if (row?.googleEventId) {
				await deps.calendar.patchEvent(row.calendarId, row.googleEventId, {
					start: slot.start,
					end: slot.end,
					timeZone: row.timeZone,
				});
			}
			return row;
		});
		if (!moved) return confirmAppointmentAfterRace(deps, id, ctx);
		return { ok: true, appointment: moved };
	} catch (error) {
		if (repo.isOverlapRefusal(error)) return refuse('taken');
		throw error;
	}
}

/**
 * Cancels an appointment (or drops a hold): deletes the Google event and frees the time.
 * Cancelling again changes nothing. Null when there is no such appointment.
 */
export async function cancelAppointment(
	deps: AppointmentDeps,
	id: string,
	options: { reason?: string | null } = {},
): Promise<Appointment | null> {
	const current = await repo.getAppointment(deps.pool, id);
	if (!current) return null;
	if (!['held', 'confirmed', 'rescheduled', 'expired'].includes(current.status)) return current;
	if (current.googleEventId) {
		// 410 (deleted by an earlier attempt) and 404 count as done.
		await deps.calendar.deleteEvent(current.calendarId, current.googleEventId);
		await repo.markEventDeleted(deps.pool, id, clock(deps));
	}
	return (
		(await repo.markCancelled(deps.pool, id, options.reason ?? null, clock(deps))) ??
		(await repo.getAppointment(deps.pool, id))
	);
}

/**
 * Deletes the Google events of appointments that stopped being live without us (staff set
 * "cancelled" in Directus; a confirm that stopped half-way): run it every minute or so. Returns
 * how many were deleted. Held and expired rows with no event are left alone.
 */
export async function deleteStaleEvents(deps: AppointmentDeps): Promise<number> {
	let deleted = 0;
	for (const appointment of await repo.eventsToDelete(deps.pool)) {
		await deps.calendar.deleteEvent(appointment.calendarId, appointment.googleEventId!);
		await repo.markEventDeleted(deps.pool, appointment.id, clock(deps));
		deleted += 1;
	}
	return deleted;
}

export { expireLapsedHolds, getAppointment, listAppointments } from './repository.ts';
