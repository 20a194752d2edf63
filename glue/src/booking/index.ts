// The booking conversation: offers real free times in chat (a WhatsApp list where the channel has
// one), reads the customer's answer with Claude's structured output, books, moves and cancels
// through the appointments core (@switchboard/glue/appointments), and reminds before. Imported as
// @switchboard/glue/booking; the n8n Appointments node and workflows 06/07 are its adapters.

// One customer message.
export {
	BOOKING_TEMPLATES,
	handleBookingTurn,
	matchWish,
	servicesFor,
	todayLabel,
	type BookingDeps,
	type BookingEvent,
	type BookingTemplateKey,
	type BookingTurnInput,
	type BookingTurnOutcome,
	type BookingTurnResult,
	type RenderRequest,
} from './turn.ts';
export type {
	AppointmentView,
	BookingBackend,
	BookingOutcome,
	BookingRules,
	BookingService,
	CustomerRef,
} from './backend.ts';

// Reading the answer, showing the options.
export { bookingChoiceSchema, type BookingChoice } from './choice-schema.ts';
export {
	exactOption,
	readBookingChoice,
	type ChoiceClient,
	type ChoiceQuestion,
	type ReadChoiceInput,
} from './read-choice.ts';
export {
	choiceMessage,
	listTitle,
	offerItems,
	offerMessage,
	slotLabel,
	type BookingMessage,
	type OfferedSlot,
	type OfferItem,
} from './offer-message.ts';
export { sameClock, zoneCity, zoneFromPhone } from './time-zone.ts';

// Where a chat stands (sb_booking_conversations).
export { awaitsCustomer, loadBookingState, saveBookingState, type BookingState } from './state.ts';

// Reminders on the durable jobs.
export {
	AppointmentMessageUndeliverableError,
	cancelReminders,
	deliverReminder,
	isPermanentSendFailure,
	REMINDER_QUEUE,
	reminderKey,
	reminderTimes,
	scheduleReminders,
	type ReminderDeps,
	type ReminderJob,
	type ReminderOutcome,
} from './reminders.ts';

// Wiring: Directus, the templates, Chatwoot, what follows a booking.
export {
	readBookingCatalog,
	toBookingService,
	toBookingSettings,
	type BookingCatalog,
	type BookingSettings,
} from './catalog.ts';
export { templateRenderer, type RenderContact } from './render.ts';
export {
	chatReminderSender,
	chatwootTemplateParams,
	REMINDER_TEMPLATE,
	sendAppointmentMessage,
	sendBookingMessages,
	type ReminderSenderDeps,
} from './chat.ts';
export { bookingEffects, type BookingEffectsDeps } from './effects.ts';
export {
	appointmentsBackend,
	appointmentView,
	bookingMail,
	type AppointmentsBackendOptions,
	type BookingMailDeps,
} from './appointments-backend.ts';
export {
	checkCalendarConnection,
	jobsFor,
	openBookingRuntime,
	type BookingRuntime,
	type BookingRuntimeConfig,
} from './runtime.ts';
export {
	answerBookingMessage,
	sendDueReminder,
	type BookingMessageDeps,
	type BookingMessageInput,
	type BookingMessageResult,
} from './converse.ts';
export { startReminderRelay, type ReminderRelayOptions } from './reminder-relay.ts';

// Changes the front desk made in Directus, applied to Google, the reminders and the customer.
export { hasPendingStaffChanges } from '../appointments/staff-changes.ts';
export {
	applyStaffChanges,
	type StaffChangesDeps,
	type StaffChangesResult,
} from './staff-changes.ts';
