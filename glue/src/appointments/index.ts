// Appointments booked over chat: Google Calendar (the official client, or the simulator), free
// times on the business's wall clock, holds and bookings refereed by PostgreSQL, moves and
// cancellations, and the e-mailed invite. The conversation around it is glue/src/booking.
// Imported as @switchboard/glue/appointments.

// The model and the rules.
export {
	ACTIVE_STATUSES,
	APPOINTMENT_STATUSES,
	appointmentServiceSchema,
	bookingSettingsSchema,
	customerSchema,
	type Appointment,
	type AppointmentService,
	type AppointmentServiceInput,
	type AppointmentStatus,
	type BookingRefusal,
	type BookingResult,
	type BookingSettings,
	type BookingSettingsInput,
	type Customer,
	type Slot,
} from './model.ts';
export {
	blockedSpan,
	computeFreeTimes,
	slotProblem,
	type FreeTimesInput,
	type SlotProblem,
} from './free-times.ts';

// Booking.
export {
	bookSlot,
	cancelAppointment,
	confirmAppointment,
	deleteStaleEvents,
	expireLapsedHolds,
	findFreeTimes,
	getAppointment,
	holdSlot,
	listAppointments,
	rescheduleAppointment,
	type AppointmentDeps,
	type BookingContext,
	type FreeTimesRequest,
	type HoldRequest,
	type RescheduleRequest,
} from './booking.ts';
export { AppointmentInputError } from './appointment-input-error.ts';

// Changes the front desk makes in Directus: checked before the save, applied after it. The check is
// also @switchboard/glue/appointments/staff-edit, which the Directus hook bundles without googleapis.
export {
	reviewStaffEdit,
	StaffEditRefusedError,
	type RawQuery,
	type StaffEditPayload,
} from './staff-edit.ts';
export {
	applyStaffChangeToCalendar,
	claimApplied,
	hasPendingStaffChanges,
	pendingStaffChanges,
	unclaimApplied,
} from './staff-changes.ts';

// Messages about it.
export { appointmentFacts, appointmentReference } from './facts.ts';
export {
	appointmentIcs,
	inviteUid,
	type InviteKind,
	type InviteOptions,
	type InviteParty,
} from './invite.ts';
export {
	createMailer,
	sendAppointmentEmail,
	type AppointmentEmail,
	type EmailOutcome,
} from './mail.ts';

// Google Calendar.
export {
	CALENDAR_SCOPES,
	CalendarEventIdTakenError,
	createCalendarClient,
	DEFAULT_CALENDAR_RETRY,
	eventIdFor,
	type CalendarClient,
	type CalendarClientOptions,
} from './calendar/client.ts';
export {
	calendarConnectionFromEnv,
	calendarConnectionSchema,
	type CalendarConnection,
} from './calendar/connection.ts';
export {
	CalendarAuthError,
	CalendarError,
	CalendarQuotaExceededError,
	CalendarRateLimitedError,
	toCalendarError,
} from './calendar/errors.ts';
export type { CalendarEvent, Interval, NewCalendarEvent } from './calendar/model.ts';
