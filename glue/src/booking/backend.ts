// What the booking chat needs from the appointments core (@switchboard/glue/appointments, helper
// H6): free times, book, move, cancel. An interface here so the chat is tested without Google and
// the core is wired in one place (appointments-backend.ts).
import type { AppointmentFacts } from '../templates/index.ts';
import type { OfferedSlot } from './offer-message.ts';

export interface BookingService {
	id: string;
	name: string;
	durationMinutes: number;
	bufferBeforeMinutes: number;
	bufferAfterMinutes: number;
	calendarId: string;
	department: string | null;
	active: boolean;
}

export interface AppointmentView {
	id: string;
	serviceId: string;
	status: string;
	startsAt: Date;
	endsAt: Date;
	accountId: number;
	contactId: number;
	conversationId: number | null;
	language: string | null;
	customerName: string | null;
	/** Where the customer reads times; null: the business's. */
	customerTimeZone: string | null;
	/** What the appointment template provider reads (H6's appointmentFacts). */
	facts: AppointmentFacts;
}

export interface CustomerRef {
	accountId: number;
	contactId: number;
	conversationId: number;
	name: string | null;
	email: string | null;
	language: string;
	timeZone: string;
}

export type BookingOutcome =
	| { ok: true; appointment: AppointmentView }
	| { ok: false; reason: string; alternatives: OfferedSlot[] };

export interface BookingBackend {
	freeTimes(
		service: BookingService,
		options: { after?: Date; limit: number },
	): Promise<OfferedSlot[]>;
	/** A lease on the time for the hold time, without an event yet. */
	hold(service: BookingService, start: Date, customer: CustomerRef): Promise<BookingOutcome>;
	/**
	 * Hold, re-check the calendar, insert the event, confirm. `offeredAt`: when this time was
	 * offered, so lead time is judged as of the offer (see HoldRequest.offeredAt).
	 */
	book(
		service: BookingService,
		start: Date,
		customer: CustomerRef,
		offeredAt?: Date,
	): Promise<BookingOutcome>;
	reschedule(
		appointmentId: string,
		service: BookingService,
		start: Date,
		offeredAt?: Date,
	): Promise<BookingOutcome>;
	cancel(appointmentId: string, reason: string): Promise<AppointmentView>;
	/** The contact's next active appointment, if any. */
	upcoming(accountId: number, contactId: number): Promise<AppointmentView | null>;
	get(appointmentId: string): Promise<AppointmentView | null>;
}

/** The business's booking rules (Directus `booking_settings`). */
export interface BookingRules {
	optionsToOffer: number;
	reminderOffsetsMinutes: readonly number[];
}
