// Promotion dates are stored as wall-clock values in the business's time zone (Directus type
// `dateTime`, no offset), because that is how marketing thinks of them: "ends 31 March 23:59" means
// New York time for a New York business, whatever the editor's browser says. This module turns such
// values, and date-only or offset values, into instants.

import { wallClock } from '../routing/zoned-time.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const HOUR = 3_600_000;

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

/** The wall clock in `timeZone` at an instant, to the millisecond. */
export function wallClockAt(instant: number, timeZone: string): WallClock {
	const { year, month, day, hour, minute, second } = wallClock(instant, timeZone);
	return { year, month, day, hour, minute, second, millisecond: ((instant % 1000) + 1000) % 1000 };
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (New York in winter: -5 h). */
export function offsetAt(instant: number, timeZone: string): number {
	const wall = wallClockAt(instant, timeZone);
	const asUtc = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour,
		wall.minute,
		wall.second,
		wall.millisecond,
	);
	return asUtc - instant;
}

/**
 * The instant a wall-clock time in `timeZone` names. In the spring-forward gap (a time that never
 * happens) the result lands after the gap, as a clock moved forward would; in the autumn overlap
 * (a time that happens twice) it is the first of the two.
 */
export function instantOf(wall: WallClock, timeZone: string): number {
	const asUtc = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour,
		wall.minute,
		wall.second,
		wall.millisecond,
	);
	// No zone is more than 14 h from UTC, so these are the offsets in force just before and after.
	const before = offsetAt(asUtc - 14 * HOUR, timeZone);
	const after = offsetAt(asUtc + 14 * HOUR, timeZone);
	const valid = [asUtc - before, asUtc - after].filter((candidate) =>
		sameWallClock(wallClockAt(candidate, timeZone), wall),
	);
	return valid.length ? Math.min(...valid) : asUtc - before;
}

function sameWallClock(a: WallClock, b: WallClock): boolean {
	return (
		a.year === b.year &&
		a.month === b.month &&
		a.day === b.day &&
		a.hour === b.hour &&
		a.minute === b.minute &&
		a.second === b.second
	);
}

export type Edge = 'start' | 'end';

/**
 * Parses a Directus date value into an instant (ms since the epoch):
 * - with an offset or Z (type `timestamp`): that instant;
 * - a local date-time (type `dateTime`): that wall clock in the business's time zone;
 * - a date only (type `date`): the start of that day there, or for an end, its last millisecond,
 *   so a promotion "until 2025-03-31" is live all of the 31st.
 * Returns null for anything else.
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
		if (edge === 'start') {
			return instantOf(
				{ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 },
				timeZone,
			);
		}
		// The next day's midnight, minus one millisecond: days are 23 or 25 hours long around a switch.
		const next = new Date(Date.UTC(year, month - 1, day + 1));
		const nextMidnight = instantOf(
			{
				year: next.getUTCFullYear(),
				month: next.getUTCMonth() + 1,
				day: next.getUTCDate(),
				hour: 0,
				minute: 0,
				second: 0,
				millisecond: 0,
			},
			timeZone,
		);
		return nextMidnight - 1;
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

/** ISO 8601 with the zone's offset at that instant, e.g. "2025-03-31T23:59:00-04:00". */
export function formatInZone(instant: number, timeZone: string): string {
	const wall = wallClockAt(instant, timeZone);
	const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	const millis = wall.millisecond ? `.${pad(wall.millisecond, 3)}` : '';
	return (
		`${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
		`T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${millis}` +
		`${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
	);
}

/** The wall clock in `timeZone` as Directus writes a `dateTime` value, e.g. "2025-03-31T23:59:00". */
export function localDateTime(instant: number, timeZone: string): string {
	const wall = wallClockAt(instant, timeZone);
	return (
		`${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
		`T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
	);
}
