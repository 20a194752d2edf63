// The parts of Google's answers we use, checked with zod: a response that does not fit is an
// error naming the field, not an undefined deep in the booking code.
import { z } from 'zod/v4';

/** RFC 3339 with an offset, as an instant; all-day dates are not ours to book. */
const instant = z.string().transform((value, ctx) => {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) {
		ctx.addIssue({ code: 'custom', message: `not a time: ${value}` });
		return z.NEVER;
	}
	return new Date(ms);
});

const eventDateTime = z
	.object({
		dateTime: instant.optional(),
		date: z.string().optional(),
		timeZone: z.string().optional(),
	})
	.loose();

export const calendarEventSchema = z
	.object({
		id: z.string(),
		status: z.string().default('confirmed'),
		etag: z.string().optional(),
		summary: z.string().optional(),
		sequence: z.number().int().default(0),
		transparency: z.string().optional(),
		start: eventDateTime.optional(),
		end: eventDateTime.optional(),
		extendedProperties: z
			.object({ private: z.record(z.string(), z.string()).optional() })
			.loose()
			.optional(),
	})
	.loose();

export interface CalendarEvent {
	id: string;
	/** "confirmed", "tentative", or "cancelled" for a deleted event (its id stays taken). */
	status: string;
	etag: string | null;
	summary: string | null;
	sequence: number;
	/** Null for an all-day event. */
	start: Date | null;
	end: Date | null;
	/** Our booking's id, from extendedProperties.private.bookingId. */
	bookingId: string | null;
	/** Marked "free" (transparent): it does not block time. */
	free: boolean;
}

export function toCalendarEvent(data: unknown): CalendarEvent {
	const event = calendarEventSchema.parse(data);
	return {
		id: event.id,
		status: event.status,
		etag: event.etag ?? null,
		summary: event.summary ?? null,
		sequence: event.sequence,
		start: event.start?.dateTime ?? null,
		end: event.end?.dateTime ?? null,
		bookingId: event.extendedProperties?.private?.bookingId ?? null,
		free: event.transparency === 'transparent',
	};
}

export const eventListSchema = z.object({
	items: z.array(z.unknown()).default([]),
	nextPageToken: z.string().nullish(),
});

export const freeBusySchema = z.object({
	calendars: z.record(
		z.string(),
		z.object({
			busy: z.array(z.object({ start: instant, end: instant })).default([]),
			errors: z
				.array(z.object({ domain: z.string().optional(), reason: z.string() }).loose())
				.optional(),
		}),
	),
});

/** A busy or free stretch, [start, end). */
export interface Interval {
	start: Date;
	end: Date;
}

/** What we write on an event we create for a booking. */
export interface NewCalendarEvent {
	/** `[a-v0-9]{5,1024}`; derive it from the booking (see eventIdFor). */
	id: string;
	bookingId: string;
	summary: string;
	description?: string;
	start: Date;
	end: Date;
	/** IANA zone the event is shown in. */
	timeZone: string;
}
