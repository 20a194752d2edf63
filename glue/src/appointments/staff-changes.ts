// What a front-desk change in Directus (staff-edit.ts) still owes Google Calendar: the event moved
// to the row's time, or deleted. Run by the reconcile in @switchboard/glue/booking, which then
// sends the invite, moves or cancels the reminders and tells the customer.
import type { AppointmentDeps } from './booking.ts';
import type { Appointment } from './model.ts';
import * as repo from './repository.ts';

/** Directus changes not yet applied, oldest first (see migration 0019). */
export function pendingStaffChanges(deps: Pick<AppointmentDeps, 'pool'>, limit?: number) {
	return repo.staffChangesPending(deps.pool, limit);
}

/**
 * Whether any Directus change waits, or a Google event of an appointment no longer live (see
 * deleteStaleEvents): a cheap look before a run opens Google and Chatwoot.
 */
export async function hasPendingStaffChanges(pool: AppointmentDeps['pool']): Promise<boolean> {
	if ((await repo.staffChangesPending(pool, 1)).length > 0) return true;
	return (await repo.eventsToDelete(pool, 1)).length > 0;
}

/**
 * Brings the Google event in line with the row: deleted for a cancelled appointment (a second run
 * finds it gone), moved to the row's time for a live one. Idempotent; a Google failure is thrown
 * and the change stays pending for the next run.
 */
export async function applyStaffChangeToCalendar(
	deps: AppointmentDeps,
	appointment: Appointment,
): Promise<void> {
	if (!appointment.googleEventId || appointment.googleEventDeletedAt) return;
	if (appointment.status === 'cancelled') {
		await deps.calendar.deleteEvent(appointment.calendarId, appointment.googleEventId);
		await repo.markEventDeleted(deps.pool, appointment.id, deps.now?.() ?? new Date());
		return;
	}
	if (appointment.status !== 'confirmed' && appointment.status !== 'rescheduled') return;
	const event = await deps.calendar.getEvent(appointment.calendarId, appointment.googleEventId);
	if (
		event?.start?.getTime() === appointment.startsAt.getTime() &&
		event.end?.getTime() === appointment.endsAt.getTime()
	) {
		return;
	}
	await deps.calendar.patchEvent(appointment.calendarId, appointment.googleEventId, {
		start: appointment.startsAt,
		end: appointment.endsAt,
		timeZone: appointment.timeZone,
	});
}

export { claimApplied, unclaimApplied } from './repository.ts';
