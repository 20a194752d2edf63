// Calendars and their events as Google keeps them: ids are never reusable (a deleted event stays
// as status "cancelled"), every write gets a new etag, a time change bumps the sequence.
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock.ts';
import { dateStart, formatDateTime, readEventTime } from './time.ts';

export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export interface EventDateTime {
	dateTime?: string;
	date?: string;
	timeZone?: string;
}

export interface StoredEvent {
	/** The resource as the client wrote it plus server fields; times re-rendered on output. */
	resource: Record<string, unknown> & { id: string; status: string; sequence: number };
	start: number;
	end: number;
	created: number;
	updated: number;
	etagValue: number;
	/** Monotonic change number for sync tokens. */
	change: number;
}

export interface SimCalendar {
	id: string;
	summary: string;
	timeZone: string;
	events: Map<string, StoredEvent>;
}

export class CalendarStore {
	private readonly calendars = new Map<string, SimCalendar>();
	private lastEtag = 0;
	private changes = 0;

	private readonly clock: SimClock;
	private readonly seed: readonly { id: string; timeZone?: string; summary?: string }[];

	constructor(
		clock: SimClock,
		seed: readonly { id: string; timeZone?: string; summary?: string }[],
	) {
		this.clock = clock;
		this.seed = seed;
		this.reset();
	}

	reset(): void {
		this.calendars.clear();
		for (const calendar of this.seed) this.addCalendar(calendar);
	}

	addCalendar(input: { id: string; timeZone?: string; summary?: string }): SimCalendar {
		const existing = this.calendars.get(input.id);
		if (existing) return existing;
		const calendar: SimCalendar = {
			id: input.id,
			summary: input.summary ?? input.id,
			timeZone: input.timeZone ?? 'UTC',
			events: new Map(),
		};
		this.calendars.set(input.id, calendar);
		return calendar;
	}

	calendar(id: string): SimCalendar | undefined {
		return this.calendars.get(id);
	}

	all(): SimCalendar[] {
		return [...this.calendars.values()];
	}

	get changeCount(): number {
		return this.changes;
	}

	/** Etags are the update time in microseconds, as Google's look, but strictly increasing. */
	private nextEtag(): number {
		this.lastEtag = Math.max(this.lastEtag + 1, this.clock.now() * 1000);
		return this.lastEtag;
	}

	newId(): string {
		// 26 base32hex characters, like Google's generated ids.
		const alphabet = '0123456789abcdefghijklmnopqrstuv';
		return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
	}

	/** Span of a validated event's times, all-day dates in the calendar's zone. */
	span(calendar: SimCalendar, start: EventDateTime, end: EventDateTime): [number, number] | null {
		const s = readEventTime(start);
		const e = readEventTime(end);
		const instant = (t: typeof s) =>
			t.kind === 'dateTime'
				? t.instant
				: t.kind === 'date'
					? dateStart(t.date, calendar.timeZone)
					: null;
		const from = instant(s);
		const to = instant(e);
		return from === null || to === null ? null : [from, to];
	}

	put(
		calendar: SimCalendar,
		resource: StoredEvent['resource'],
		span: [number, number],
		previous?: StoredEvent,
	): StoredEvent {
		const now = this.clock.now();
		const stored: StoredEvent = {
			resource,
			start: span[0],
			end: span[1],
			created: previous?.created ?? now,
			updated: now,
			etagValue: this.nextEtag(),
			change: ++this.changes,
		};
		calendar.events.set(resource.id, stored);
		return stored;
	}

	/** The event as the API returns it; times written in `timeZone` (the request's or calendar's). */
	render(calendar: SimCalendar, event: StoredEvent, timeZone?: string): Record<string, unknown> {
		// Written in the request's zone, else the event's own, else the calendar's.
		const time = (value: unknown, instant: number) => {
			const given = (value ?? {}) as EventDateTime;
			if (given.date) return { date: given.date };
			return {
				dateTime: formatDateTime(instant, timeZone ?? given.timeZone ?? calendar.timeZone),
				...(given.timeZone ? { timeZone: given.timeZone } : {}),
			};
		};
		const { resource } = event;
		return {
			kind: 'calendar#event',
			etag: `"${event.etagValue}"`,
			id: resource.id,
			status: resource.status,
			htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${resource.id} ${calendar.id}`).toString('base64url')}`,
			created: new Date(event.created).toISOString(),
			updated: new Date(event.updated).toISOString(),
			...withoutKeys(resource, ['id', 'status', 'start', 'end', 'etag', 'kind', 'sequence']),
			creator: { email: calendar.id, self: true },
			organizer: { email: calendar.id, displayName: calendar.summary, self: true },
			start: time(resource.start, event.start),
			end: time(resource.end, event.end),
			iCalUID: `${resource.id}@google.com`,
			sequence: resource.sequence,
			reminders: resource.reminders ?? { useDefault: true },
			eventType: resource.eventType ?? 'default',
		};
	}
}

function withoutKeys(value: Record<string, unknown>, keys: readonly string[]) {
	return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** Whether an event blocks time in freeBusy: not cancelled, not marked free. */
export function blocksTime(event: StoredEvent): boolean {
	return event.resource.status !== 'cancelled' && event.resource.transparency !== 'transparent';
}
