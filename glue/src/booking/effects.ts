// What follows a booking, a move or a cancellation, besides the chat message: the e-mail with the
// calendar invite (the appointments core writes it), the contact's stage, and the reminders.
import type { Jobs } from '../jobs/index.ts';
import { canMove, contactStage, moveStage, type StagePool } from '../stages/index.ts';
import type { AppointmentView, CustomerRef } from './backend.ts';
import { cancelReminders, scheduleReminders } from './reminders.ts';
import type { BookingEvent } from './turn.ts';

export interface BookingEffectsDeps {
	pool: StagePool;
	jobs: Pick<Jobs, 'reschedule' | 'cancel'>;
	reminderOffsetsMinutes: readonly number[];
	/** The invite (METHOD:REQUEST, a higher SEQUENCE when moved) or its cancellation. */
	email(event: BookingEvent, appointment: AppointmentView, customer: CustomerRef): Promise<void>;
	now?: () => Date;
	logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

export function bookingEffects(
	deps: BookingEffectsDeps,
): (event: BookingEvent, appointment: AppointmentView, customer: CustomerRef) => Promise<void> {
	return async (event, appointment, customer) => {
		if (event === 'cancelled') {
			await cancelReminders(deps.jobs, appointment.id, deps.reminderOffsetsMinutes);
		} else {
			await scheduleReminders(
				deps.jobs,
				appointment,
				deps.reminderOffsetsMinutes,
				deps.now?.() ?? new Date(),
			);
		}
		if (event === 'booked') await markBooked(deps.pool, customer);
		// The booking stands and the chat confirms it even when the mail server is down.
		try {
			await deps.email(event, appointment, customer);
		} catch (error) {
			deps.logger?.warn('booking: the appointment e-mail was not sent', {
				appointmentId: appointment.id,
				event,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	};
}

/** The contact reaches `booked` unless they are already past it (a customer stays a customer). */
async function markBooked(pool: StagePool, customer: CustomerRef): Promise<void> {
	const key = { accountId: customer.accountId, contactId: customer.contactId };
	const { stage } = await contactStage(pool, key);
	if (stage === 'booked' || !canMove(stage, 'booked')) return;
	await moveStage(pool, {
		...key,
		to: 'booked',
		by: 'workflow',
		why: 'Booked an appointment in chat.',
		conversationId: customer.conversationId,
	});
}
