// Free times = the calendar's free time ∩ opening hours ∩ the service's length plus buffers ∩
// lead time and horizon, on the business's wall clock. Start times are generated per local date
// from each opening ("09:00, 09:30, …") and turned into instants with the zone's rules, so a DST
// change moves them with the clock instead of shifting them by an hour (reference §7.1).
import type { OpeningHours } from '../content/schemas.ts';
import {
	addDays,
	wallClock,
	weekdayOf,
	zonedInstant,
	type CivilDate,
} from '../common/zoned-time.ts';
import type { Interval } from './calendar/model.ts';
import type { AppointmentService, BookingSettings, Slot } from './model.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface FreeTimesInput {
	/** Busy stretches: Google's freeBusy and our own live appointments (buffers included). */
	busy: readonly Interval[];
	hours: OpeningHours;
	/** The business's IANA zone, which the opening hours are in. */
	timeZone: string;
	service: Pick<
		AppointmentService,
		'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'
	>;
	settings: Pick<
		BookingSettings,
		'leadTimeMinutes' | 'horizonDays' | 'optionsToOffer' | 'slotStepMinutes'
	>;
	now: Date;
	/** Only times starting at or after this (e.g. "next options" after a refused one). */
	after?: Date;
	/** How many to return; default settings.optionsToOffer. */
	limit?: number;
}

function minutesOf(clockTime: string): number {
	const [h = 0, m = 0] = clockTime.split(':').map(Number);
	return h * 60 + m;
}

// The opening-hours schema cannot write 24:00: a day running to midnight ends "23:59" (routing
// reads it the same way).
const closingMinutes = (clockTime: string) =>
	clockTime === '23:59' ? 24 * 60 : minutesOf(clockTime);

/** The opening intervals of one local date as instants. */
function openingsOn(date: CivilDate, hours: OpeningHours, timeZone: string): Interval[] {
	return (hours[weekdayOf(date)] ?? []).map((interval) => ({
		start: zonedInstant(date, minutesOf(interval.open), timeZone),
		end: zonedInstant(date, closingMinutes(interval.close), timeZone),
	}));
}

/** The time a slot takes on the calendar: the appointment with its buffers. */
export function blockedSpan(
	slot: Slot,
	service: Pick<AppointmentService, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>,
): Interval {
	return {
		start: new Date(slot.start.getTime() - service.bufferBeforeMinutes * MINUTE),
		end: new Date(slot.end.getTime() + service.bufferAfterMinutes * MINUTE),
	};
}

export function overlaps(a: Interval, b: Interval): boolean {
	return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** `busy` without `free` (e.g. the appointment being moved must not block its own new time). */
export function subtract(busy: readonly Interval[], free: Interval): Interval[] {
	return busy.flatMap((interval) => {
		if (!overlaps(interval, free)) return [interval];
		const parts: Interval[] = [];
		if (interval.start < free.start) parts.push({ start: interval.start, end: free.start });
		if (free.end < interval.end) parts.push({ start: free.end, end: interval.end });
		return parts;
	});
}

export type SlotProblem = 'too_soon' | 'too_far' | 'closed' | 'busy';

/**
 * Why this exact time cannot be booked, or null when it can: lead time, horizon, inside one
 * opening interval of its local day, and (with buffers) clear of every busy stretch. Times need
 * not fall on the step grid: a customer may ask for 10:10.
 */
export function slotProblem(
	start: Date,
	input: Omit<FreeTimesInput, 'after' | 'limit'>,
): SlotProblem | null {
	const { service, settings, now, timeZone } = input;
	const slot = { start, end: new Date(start.getTime() + service.durationMinutes * MINUTE) };
	if (start.getTime() < now.getTime() + settings.leadTimeMinutes * MINUTE) return 'too_soon';
	if (start.getTime() > now.getTime() + settings.horizonDays * DAY) return 'too_far';
	const openings = openingsOn(wallClock(start, timeZone), input.hours, timeZone);
	if (!openings.some((open) => open.start <= slot.start && slot.end <= open.end)) return 'closed';
	const blocked = blockedSpan(slot, service);
	return input.busy.some((busy) => overlaps(busy, blocked)) ? 'busy' : null;
}

/**
 * The first free times, earliest first, none overlapping another offered one (so each option is
 * a real alternative, not 09:00, 09:30, 10:00 of one 90-minute visit).
 *
 * @example
 * computeFreeTimes({ busy, hours: { mon: [{ open: '09:00', close: '17:00' }] },
 * 	timeZone: 'Europe/Madrid', service, settings, now: new Date() });
 */
export function computeFreeTimes(input: FreeTimesInput): Slot[] {
	const { service, settings, timeZone, now } = input;
	const limit = input.limit ?? settings.optionsToOffer;
	const earliest = Math.max(
		now.getTime() + settings.leadTimeMinutes * MINUTE,
		input.after?.getTime() ?? Number.NEGATIVE_INFINITY,
	);
	const latest = now.getTime() + settings.horizonDays * DAY;
	const busy = [...input.busy].sort((a, b) => a.start.getTime() - b.start.getTime());
	const found: Slot[] = [];
	const today = wallClock(earliest, timeZone);
	for (let offset = 0; found.length < limit; offset += 1) {
		const date = addDays(today, offset);
		if (zonedInstant(date, 0, timeZone).getTime() > latest) break;
		const starts = new Set<number>();
		for (const interval of input.hours[weekdayOf(date)] ?? []) {
			const open = minutesOf(interval.open);
			const close = closingMinutes(interval.close);
			for (
				let minute = open;
				minute + service.durationMinutes <= close;
				minute += settings.slotStepMinutes
			) {
				// A wall time the clocks skip gives the moment of the jump; the Set drops the repeat.
				starts.add(zonedInstant(date, minute, timeZone).getTime());
			}
		}
		for (const startMs of [...starts].sort((a, b) => a - b)) {
			if (found.length >= limit) break;
			if (startMs < earliest || startMs > latest) continue;
			const start = new Date(startMs);
			if (slotProblem(start, { ...input, busy }) !== null) continue;
			const slot = { start, end: new Date(startMs + service.durationMinutes * MINUTE) };
			const last = found[found.length - 1];
			if (last && overlaps(last, slot)) continue;
			found.push(slot);
		}
	}
	return found;
}
