// Wall-clock arithmetic in an IANA time zone with Intl only: what the clock on the shop's wall
// reads at an instant, and which instant a wall-clock time on a given date is (DST included).
import { WEEKDAYS, type Weekday } from '../content/schemas.ts';
import { InvalidTimeZoneError } from './invalid-time-zone-error.ts';

/** A date on the local calendar (month 1–12). */
export interface CivilDate {
	year: number;
	month: number;
	day: number;
}

export interface WallClock extends CivilDate {
	hour: number;
	minute: number;
	second: number;
	weekday: Weekday;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat is costly and the zones in use are few; the cache only grows by zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	const cached = formatters.get(timeZone);
	if (cached) return cached;
	let formatter: Intl.DateTimeFormat;
	try {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			// h23, not hour12: false, which prints midnight as "24" in some ICU versions.
			hourCycle: 'h23',
			weekday: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch (error) {
		throw new InvalidTimeZoneError(timeZone, error);
	}
	formatters.set(timeZone, formatter);
	return formatter;
}

/** Throws InvalidTimeZoneError unless the runtime knows the zone. */
export function assertTimeZone(timeZone: string): void {
	formatterFor(timeZone);
}

/** What the wall clock in `timeZone` reads at the instant `at`. */
export function wallClock(at: Date | number, timeZone: string): WallClock {
	const ms = typeof at === 'number' ? at : at.getTime();
	if (!Number.isFinite(ms)) throw new TypeError('[glue/routing] wallClock: an invalid date');
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(ms)) parts[part.type] = part.value;
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
		weekday: (parts.weekday ?? '').toLowerCase().slice(0, 3) as Weekday,
	};
}

export function addDays(date: CivilDate, days: number): CivilDate {
	const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
	};
}

export function weekdayOf(date: CivilDate): Weekday {
	const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
	return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday;
}

/** The wall-clock reading at `ms`, written as if it were UTC; minus `ms`, the zone's offset. */
function wallAsUtc(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * The instant at which the wall clock in `timeZone` reads `minuteOfDay` on `date`. When the clocks
 * go back and the time happens twice, the first; when they go forward over it, the moment of the
 * jump, i.e. the first instant at which the wall clock has passed that time.
 */
export function zonedInstant(date: CivilDate, minuteOfDay: number, timeZone: string): Date {
	const wanted = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE_MS;
	// Offsets a day either side bracket any transition near `wanted` (zones change at most twice a year).
	const offsets = [wanted - DAY_MS, wanted + DAY_MS].map((ms) => wallAsUtc(ms, timeZone) - ms);
	const candidates = [...new Set(offsets.map((offset) => wanted - offset))].sort((a, b) => a - b);
	const exact = candidates.find((ms) => wallAsUtc(ms, timeZone) === wanted);
	if (exact !== undefined) return new Date(exact);
	// A gap: the wall clock jumps over `wanted` somewhere between the two candidates; find the jump
	// to the minute (every zone's transitions fall on whole minutes).
	let low = (candidates[0] ?? wanted) / MINUTE_MS;
	let high = (candidates[candidates.length - 1] ?? wanted) / MINUTE_MS;
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (wallAsUtc(middle * MINUTE_MS, timeZone) >= wanted) high = middle;
		else low = middle;
	}
	return new Date(high * MINUTE_MS);
}
