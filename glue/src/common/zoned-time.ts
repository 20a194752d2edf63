// Wall-clock arithmetic in an IANA time zone with Intl only: what the clock on the shop's wall
// reads at an instant, which instant a wall-clock time names (DST included), and the Directus date
// values marketing edits. Promotion dates are stored as wall-clock values in the business's zone
// (Directus type `dateTime`, no offset), because that is how marketing thinks of them: "ends 31
// March 23:59" means New York time for a New York business, whatever the editor's browser says.
import { InvalidTimeZoneError } from './invalid-time-zone-error.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A date on the local calendar (month 1–12). */
export interface CivilDate {
	year: number;
	month: number;
	day: number;
}

/** What a clock on the wall reads, to the millisecond, and the day of the week it shows. */
export interface WallClock extends CivilDate {
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	weekday: Weekday;
}

/** A wall-clock time to look up; seconds and milliseconds default to 0, the weekday is implied. */
export type WallTime = CivilDate &
	Pick<WallClock, 'hour' | 'minute'> &
	Partial<Pick<WallClock, 'second' | 'millisecond'>>;

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

/**
 * What the wall clock in `timeZone` reads at the instant `at`.
 *
 * @example
 * wallClock(new Date('2026-06-01T07:00:00Z'), 'Europe/Madrid');
 * // { year: 2026, month: 6, day: 1, hour: 9, minute: 0, second: 0, millisecond: 0, weekday: 'mon' }
 */
export function wallClock(at: Date | number, timeZone: string): WallClock {
	const ms = typeof at === 'number' ? at : at.getTime();
	if (!Number.isFinite(ms)) throw new TypeError('[glue/common] wallClock: an invalid date');
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(ms)) parts[part.type] = part.value;
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second),
		millisecond: ((ms % 1000) + 1000) % 1000,
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
	return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (New York in winter: -5 h). */
export function offsetAt(instant: number, timeZone: string): number {
	return wallAsUtc(instant, timeZone) - instant;
}

/**
 * What to do with a wall-clock time the clocks jump over (spring forward): `'jump'` gives the
 * moment of the jump, the first instant at which the clock has passed that time (an opening hour);
 * `'shift'` reads it with the offset before the jump, landing as far past the gap as the time was
 * into it, as a clock moved forward would (a promotion date).
 */
export type GapRule = 'jump' | 'shift';

/**
 * The instant (ms since the epoch) at which the wall clock in `timeZone` reads `wall`. When the
 * clocks go back and the time happens twice, the first of the two; for a time they skip, see
 * GapRule. Hours past 23 roll over to the next day.
 *
 * @example
 * instantOf({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'America/New_York');
 * // Date.parse('2026-01-15T14:00:00Z')
 */
export function instantOf(wall: WallTime, timeZone: string, gap: GapRule = 'shift'): number {
	const wanted = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour,
		wall.minute,
		wall.second ?? 0,
		wall.millisecond ?? 0,
	);
	// Offsets a day either side bracket any transition near `wanted` (zones change at most twice a year).
	const [before = 0, after = 0] = [wanted - DAY_MS, wanted + DAY_MS].map((ms) =>
		offsetAt(ms, timeZone),
	);
	const candidates = [...new Set([wanted - before, wanted - after])].sort((a, b) => a - b);
	const exact = candidates.find((ms) => wallAsUtc(ms, timeZone) === wanted);
	if (exact !== undefined) return exact;
	if (gap === 'shift') return wanted - before;
	// The wall clock jumps over `wanted` somewhere between the two candidates; find the jump to the
	// minute (every zone's transitions fall on whole minutes).
	let low = Math.floor((candidates[0] ?? wanted) / MINUTE_MS);
	let high = Math.ceil((candidates[candidates.length - 1] ?? wanted) / MINUTE_MS);
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (wallAsUtc(middle * MINUTE_MS, timeZone) >= wanted) high = middle;
		else low = middle;
	}
	return high * MINUTE_MS;
}

/**
 * The instant at which the wall clock in `timeZone` reads `minuteOfDay` on `date`; a skipped time
 * gives the moment of the jump.
 *
 * @example
 * zonedInstant({ year: 2026, month: 6, day: 1 }, 9 * 60, 'Europe/Madrid'); // 2026-06-01T07:00Z
 */
export function zonedInstant(date: CivilDate, minuteOfDay: number, timeZone: string): Date {
	return new Date(instantOf({ ...date, hour: 0, minute: minuteOfDay }, timeZone, 'jump'));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

export type Edge = 'start' | 'end';

/**
 * Parses a Directus date value into an instant (ms since the epoch):
 * - with an offset or Z (type `timestamp`): that instant;
 * - a local date-time (type `dateTime`): that wall clock in the business's time zone;
 * - a date only (type `date`): the start of that day there, or for an end, its last millisecond,
 *   so a promotion "until 2025-03-31" is live all of the 31st.
 * Returns null for anything else.
 *
 * @example
 * parseContentDate('2026-03-31', 'America/New_York', 'end'); // Date.parse('2026-04-01T04:00Z') - 1
 */
export function parseContentDate(value: string, timeZone: string, edge: Edge): number | null {
	const trimmed = value.trim();
	if (WITH_OFFSET.test(trimmed)) {
		const instant = Date.parse(trimmed);
		return Number.isNaN(instant) ? null : instant;
	}
	const dateOnly = DATE_ONLY.exec(trimmed);
	if (dateOnly) {
		const [year, month, day] = dateOnly.slice(1).map(Number) as [number, number, number];
		if (!validDate(year, month, day)) return null;
		if (edge === 'start') return instantOf({ year, month, day, hour: 0, minute: 0 }, timeZone);
		// The next day's midnight, minus one millisecond: days are 23 or 25 hours long around a switch.
		return instantOf({ ...addDays({ year, month, day }, 1), hour: 0, minute: 0 }, timeZone) - 1;
	}
	const local = LOCAL.exec(trimmed);
	if (!local) return null;
	const [year, month, day, hour, minute] = local.slice(1, 6).map(Number) as [
		number,
		number,
		number,
		number,
		number,
	];
	const second = Number(local[6] ?? 0);
	const millisecond = Number((local[7] ?? '0').padEnd(3, '0').slice(0, 3));
	if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
	return instantOf({ year, month, day, hour, minute, second, millisecond }, timeZone);
}

function validDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * ISO 8601 with the zone's offset at that instant.
 *
 * @example
 * formatInZone(Date.parse('2026-01-15T14:00:00Z'), 'America/New_York'); // '2026-01-15T09:00:00-05:00'
 */
export function formatInZone(instant: number, timeZone: string): string {
	const wall = wallClock(instant, timeZone);
	const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	const millis = wall.millisecond ? `.${pad(wall.millisecond, 3)}` : '';
	return (
		`${localDateTime(instant, timeZone)}${millis}` +
		`${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
	);
}

/**
 * The wall clock in `timeZone` as Directus writes a `dateTime` value.
 *
 * @example
 * localDateTime(Date.parse('2026-01-15T14:00:00Z'), 'America/New_York'); // '2026-01-15T09:00:00'
 */
export function localDateTime(instant: number, timeZone: string): string {
	const wall = wallClock(instant, timeZone);
	return (
		`${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
		`T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
	);
}
