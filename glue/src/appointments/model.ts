// What a booking is made of: the service (Directus `services`), the business's booking settings
// (Directus `booking_settings`), a free time, and the appointment row (sb_appointments).
import { z } from 'zod/v4';
import { assertTimeZone } from '../common/zoned-time.ts';

const minutes = z
	.number()
	.int()
	.min(0)
	.max(7 * 24 * 60);

export const appointmentServiceSchema = z.object({
	id: z.string().min(1),
	name: z.string().min(1),
	durationMinutes: z
		.number()
		.int()
		.min(5)
		.max(24 * 60),
	bufferBeforeMinutes: minutes.default(0),
	bufferAfterMinutes: minutes.default(0),
	/** The Google calendar it is booked on (an e-mail-like id, or "primary"). */
	calendarId: z.string().min(1),
});
export type AppointmentService = z.output<typeof appointmentServiceSchema>;
export type AppointmentServiceInput = z.input<typeof appointmentServiceSchema>;

export const bookingSettingsSchema = z.object({
	/** No appointment starts sooner than this after now. */
	leadTimeMinutes: minutes.default(120),
	/** Nor later than this many days ahead. */
	horizonDays: z.number().int().min(1).max(365).default(30),
	/** How many times to offer at once. */
	optionsToOffer: z.number().int().min(1).max(10).default(3),
	/** How long a chosen time is held for the customer before it is offered to others again. */
	holdMinutes: z
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.default(10),
	/** Start times are this many minutes apart on the wall clock, counted from opening. */
	slotStepMinutes: z
		.number()
		.int()
		.min(5)
		.max(24 * 60)
		.default(30),
});
export type BookingSettings = z.output<typeof bookingSettingsSchema>;
export type BookingSettingsInput = z.input<typeof bookingSettingsSchema>;

export const timeZoneSchema = z.string().refine(
	(zone) => {
		try {
			assertTimeZone(zone);
			return true;
		} catch {
			return false;
		}
	},
	{ message: 'not an IANA time zone (e.g. "Europe/Madrid")' },
);

/** A time that could be booked: the appointment itself, [start, end), without buffers. */
export interface Slot {
	start: Date;
	end: Date;
}

export const APPOINTMENT_STATUSES = [
	'held',
	'confirmed',
	'rescheduled',
	'cancelled',
	'completed',
	'no_show',
	'expired',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
/** Statuses that take time on the calendar (the exclusion constraint's). */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['held', 'confirmed', 'rescheduled'];

export const customerSchema = z.object({
	accountId: z.number().int().positive(),
	contactId: z.number().int().positive(),
	conversationId: z.number().int().positive().nullish(),
	name: z.string().trim().min(1).nullish(),
	email: z.email().nullish(),
	/** BCP 47, e.g. "es-MX". */
	language: z.string().min(2).nullish(),
	/** Where the customer reads times, when not the business's zone. */
	timeZone: timeZoneSchema.nullish(),
});
export type Customer = z.input<typeof customerSchema>;

/** A row of sb_appointments. */
export interface Appointment {
	id: string;
	accountId: number;
	contactId: number;
	conversationId: number | null;
	serviceId: string;
	serviceName: string;
	calendarId: string;
	status: AppointmentStatus;
	startsAt: Date;
	endsAt: Date;
	timeZone: string;
	customerTimeZone: string | null;
	blockedFrom: Date;
	blockedUntil: Date;
	holdExpiresAt: Date | null;
	googleEventId: string | null;
	googleEventDeletedAt: Date | null;
	eventAttempt: number;
	icalSequence: number;
	/** The icalSequence whose change reached Google, the reminders and the customer. */
	appliedSequence: number;
	inviteSequenceSent: number | null;
	customerName: string | null;
	customerEmail: string | null;
	language: string | null;
	cancelReason: string | null;
	confirmedAt: Date | null;
	cancelledAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
}

/** Why a time could not be had; `alternatives` are the next free times to offer instead. */
export type BookingRefusal =
	/** Another customer holds or booked it (the database refused the overlap). */
	| 'taken'
	/** Busy in Google (staff filled it), or outside opening hours, lead time or horizon. */
	| 'unavailable'
	/** The hold lapsed and the time went to someone else. */
	| 'hold_expired'
	| 'not_found'
	/** Cancelled, completed or no-show: nothing to confirm or move. */
	| 'not_active';

export type BookingResult =
	| { ok: true; appointment: Appointment }
	| { ok: false; reason: BookingRefusal; alternatives: Slot[]; appointment?: Appointment };
