// The reconcile of front-desk changes made in Directus (a move, a cancel): each change that has
// not reached everything yet gets its Google event moved or deleted, the invite mailed (a higher
// SEQUENCE, or METHOD:CANCEL), its reminders moved or cancelled, and the customer told in the
// chat, once. Run every minute by workflow 07 and on demand; every step is idempotent, so two runs
// at once or a run after a crash do nothing twice.
import {
	applyStaffChangeToCalendar,
	claimApplied,
	deleteStaleEvents,
	pendingStaffChanges,
	unclaimApplied,
} from '../appointments/index.ts';
import type { Appointment } from '../appointments/index.ts';
import type { ChatwootClient } from '../chatwoot/index.ts';
import type { ContentReader } from '../content/index.ts';
import { appointmentView } from './appointments-backend.ts';
import type { CustomerRef } from './backend.ts';
import { sendAppointmentMessage } from './chat.ts';
import { isPermanentSendFailure } from './reminders.ts';
import type { BookingRuntime } from './runtime.ts';

export interface StaffChangesDeps {
	runtime: Pick<BookingRuntime, 'appointments' | 'after' | 'businessTimeZone'>;
	chatwoot: Pick<ChatwootClient, 'conversations' | 'messages'>;
	reader: Pick<ContentReader, 'messageTemplate' | 'businessInfo'>;
	logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

export interface StaffChangesResult {
	/** Appointments whose change reached Google, the reminders and the customer. */
	applied: string[];
	/** Left pending for the next run, with why. */
	failed: { appointmentId: string; error: string }[];
}

const CHAT_TEMPLATES = {
	rescheduled: 'appointment_rescheduled',
	cancelled: 'appointment_cancelled',
} as const;

function customerOf(appointment: Appointment, businessTimeZone: string): CustomerRef {
	return {
		accountId: appointment.accountId,
		contactId: appointment.contactId,
		conversationId: appointment.conversationId ?? 0,
		name: appointment.customerName,
		email: appointment.customerEmail,
		language: appointment.language ?? 'en',
		timeZone: appointment.customerTimeZone ?? businessTimeZone,
	};
}

export async function applyStaffChanges(deps: StaffChangesDeps): Promise<StaffChangesResult> {
	const result: StaffChangesResult = { applied: [], failed: [] };
	const pending = await pendingStaffChanges(deps.runtime.appointments);
	const business = pending.length ? await deps.reader.businessInfo() : null;
	for (const appointment of pending) {
		try {
			await applyOne(deps, business!, appointment);
			result.applied.push(appointment.id);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			deps.logger?.warn('booking: a Directus change to an appointment is not applied yet', {
				appointmentId: appointment.id,
				error: message,
			});
			result.failed.push({ appointmentId: appointment.id, error: message });
		}
	}
	// Events left behind by appointments that stopped being live otherwise (a held one cancelled
	// at the desk, a confirm that stopped half-way).
	try {
		await deleteStaleEvents(deps.runtime.appointments);
	} catch (error) {
		deps.logger?.warn('booking: stale Google events not deleted yet', {
			error: error instanceof Error ? error.message : String(error),
		});
	}
	return result;
}

async function applyOne(
	deps: StaffChangesDeps,
	business: Awaited<ReturnType<ContentReader['businessInfo']>>,
	appointment: Appointment,
): Promise<void> {
	await applyStaffChangeToCalendar(deps.runtime.appointments, appointment);
	const event = appointment.status === 'cancelled' ? 'cancelled' : 'rescheduled';
	const view = appointmentView(appointment);
	// Reminders and the invite; each is idempotent (the invite is claimed by its SEQUENCE).
	await deps.runtime.after(event, view, customerOf(appointment, deps.runtime.businessTimeZone));
	const sequence = appointment.icalSequence;
	if (!(await claimApplied(deps.runtime.appointments.pool, appointment.id, sequence))) return;
	if (!appointment.conversationId || !['cancelled', 'rescheduled'].includes(appointment.status)) {
		return;
	}
	try {
		await sendAppointmentMessage(
			{ chatwoot: deps.chatwoot, reader: deps.reader, business },
			CHAT_TEMPLATES[event],
			view,
		);
	} catch (error) {
		// Google, the reminders and the e-mail are done: a message that can never go out (no
		// approved template outside the window) is logged, not retried every minute.
		if (isPermanentSendFailure(error)) {
			deps.logger?.warn('booking: the customer was not told about a Directus change', {
				appointmentId: appointment.id,
				error: error instanceof Error ? error.message : String(error),
			});
			return;
		}
		await unclaimApplied(
			deps.runtime.appointments.pool,
			appointment.id,
			appointment.appliedSequence,
		);
		throw error;
	}
}
