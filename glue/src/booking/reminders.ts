// Reminders before an appointment (24 h and 2 h by default, Directus booking_settings), each a
// durable job at its exact instant (@switchboard/glue/jobs). Never twice: each (appointment, offset)
// is claimed in sb_appointment_reminders before it is sent. Never for a cancelled or moved
// appointment: the jobs are cancelled, and the status and time are read again when one fires.
import { RemoteError } from '../common/remote-error.ts';
import type { Jobs } from '../jobs/index.ts';
import type { Queryable } from '../log-store/index.ts';
import { TemplateError } from '../templates/index.ts';
import type { AppointmentView, BookingBackend } from './backend.ts';

export const REMINDER_QUEUE = 'appointment-reminder';
/** Statuses an appointment may be reminded in. */
const REMINDABLE = new Set(['confirmed', 'rescheduled']);

export interface ReminderJob {
	appointmentId: string;
	offsetMinutes: number;
	/** The start the reminder was scheduled for (ISO); a moved appointment has another. */
	startsAt: string;
}

export function reminderKey(appointmentId: string, offsetMinutes: number): string {
	return `${appointmentId}:${offsetMinutes}`;
}

/** When each reminder is due; offsets whose instant has passed are left out. */
export function reminderTimes(
	startsAt: Date,
	offsetsMinutes: readonly number[],
	now: Date,
): { offsetMinutes: number; at: Date }[] {
	return [...new Set(offsetsMinutes)]
		.filter((offset) => Number.isInteger(offset) && offset > 0)
		.map((offset) => ({
			offsetMinutes: offset,
			at: new Date(startsAt.getTime() - offset * 60_000),
		}))
		.filter((reminder) => reminder.at.getTime() > now.getTime());
}

/** (Re)schedules the reminders of a booked or moved appointment; a moved one replaces its jobs. */
export async function scheduleReminders(
	jobs: Pick<Jobs, 'reschedule' | 'cancel'>,
	appointment: Pick<AppointmentView, 'id' | 'startsAt'>,
	offsetsMinutes: readonly number[],
	now: Date = new Date(),
): Promise<{ offsetMinutes: number; at: Date }[]> {
	const due = reminderTimes(appointment.startsAt, offsetsMinutes, now);
	const kept = new Set(due.map((reminder) => reminder.offsetMinutes));
	for (const offset of offsetsMinutes) {
		if (!kept.has(offset)) await jobs.cancel(REMINDER_QUEUE, reminderKey(appointment.id, offset));
	}
	for (const reminder of due) {
		const data: ReminderJob = {
			appointmentId: appointment.id,
			offsetMinutes: reminder.offsetMinutes,
			startsAt: appointment.startsAt.toISOString(),
		};
		await jobs.reschedule(
			REMINDER_QUEUE,
			reminderKey(appointment.id, reminder.offsetMinutes),
			reminder.at,
			data,
		);
	}
	return due;
}

export async function cancelReminders(
	jobs: Pick<Jobs, 'cancel'>,
	appointmentId: string,
	offsetsMinutes: readonly number[],
): Promise<void> {
	for (const offset of new Set(offsetsMinutes)) {
		await jobs.cancel(REMINDER_QUEUE, reminderKey(appointmentId, offset));
	}
}

export interface ReminderDeps {
	db: Queryable;
	backend: Pick<BookingBackend, 'get'>;
	/** Sends the reminder to the customer (the chat template, or the approved WhatsApp template). */
	send(appointment: AppointmentView, offsetMinutes: number): Promise<void>;
}

export type ReminderOutcome = 'sent' | 'already_sent' | 'skipped' | 'failed';

/**
 * A message about an appointment that cannot reach the customer as things stand (no conversation
 * to write in, no approved WhatsApp template for a customer outside the 24-hour window): trying
 * again later would fail the same way.
 */
export class AppointmentMessageUndeliverableError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'AppointmentMessageUndeliverableError';
	}
}

// A refusal that will not change by itself: the request or the conversation is wrong. 401/403
// (a token) and 429/5xx are someone's to fix or pass, and the retry then sends the reminder.
const PERMANENT_STATUSES = new Set([400, 404, 410, 422]);

/** Whether sending failed for good: retrying the job would only fail again. */
export function isPermanentSendFailure(error: unknown): boolean {
	if (error instanceof AppointmentMessageUndeliverableError || error instanceof TemplateError) {
		return true;
	}
	return (
		error instanceof RemoteError &&
		!error.retryable &&
		error.remoteStatus !== null &&
		PERMANENT_STATUSES.has(error.remoteStatus)
	);
}

async function claim(
	db: Queryable,
	job: ReminderJob,
	outcome: 'sent' | 'skipped',
	detail: string | null,
): Promise<boolean> {
	const { rows } = await db.query(
		`insert into sb_appointment_reminders (appointment_id, offset_minutes, starts_at, outcome, detail)
		values ($1, $2, $3, $4, $5)
		on conflict (appointment_id, offset_minutes, starts_at) do nothing returning id`,
		[job.appointmentId, job.offsetMinutes, job.startsAt, outcome, detail],
	);
	return rows.length > 0;
}

/**
 * One due reminder: re-checked, claimed once, sent. A failure that retrying cannot mend ends as
 * `failed` with the reason in sb_appointment_reminders (and the job done); any other failure frees
 * the claim and is thrown, so the job's retry sends it.
 */
export async function deliverReminder(
	deps: ReminderDeps,
	job: ReminderJob,
): Promise<ReminderOutcome> {
	const appointment = await deps.backend.get(job.appointmentId);
	const problem = !appointment
		? 'the appointment no longer exists'
		: !REMINDABLE.has(appointment.status)
			? `the appointment is ${appointment.status}`
			: appointment.startsAt.toISOString() !== new Date(job.startsAt).toISOString()
				? 'the appointment was moved'
				: null;
	if (problem || !appointment) {
		await claim(deps.db, job, 'skipped', problem);
		return 'skipped';
	}
	if (!(await claim(deps.db, job, 'sent', null))) return 'already_sent';
	try {
		await deps.send(appointment, job.offsetMinutes);
	} catch (error) {
		if (isPermanentSendFailure(error)) {
			await deps.db.query(
				`update sb_appointment_reminders set outcome = 'failed', detail = $4, recorded_at = now()
				where appointment_id = $1 and offset_minutes = $2 and starts_at = $3`,
				[job.appointmentId, job.offsetMinutes, job.startsAt, failureDetail(error)],
			);
			return 'failed';
		}
		// Not sent: free the claim so the job's retry can send it.
		await deps.db.query(
			`delete from sb_appointment_reminders
			where appointment_id = $1 and offset_minutes = $2 and starts_at = $3`,
			[job.appointmentId, job.offsetMinutes, job.startsAt],
		);
		throw error;
	}
	return 'sent';
}

/** Why it failed, for staff reading sb_appointment_reminders: the error's own sentence. */
function failureDetail(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.slice(0, 500);
}
