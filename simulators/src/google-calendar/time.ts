// RFC 3339 as the Calendar API reads and writes it. Written here rather than shared with glue:
// simulators share no code with what they test.

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant from RFC 3339 with an offset (or Z); null without one or when malformed. */
export function parseWithOffset(value: string): number | null {
	if (!WITH_OFFSET.test(value)) return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : ms;
}

function validZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffset(instant: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	for (const part of format.formatToParts(instant)) parts[part.type] = Number(part.value);
	const wall = Date.UTC(
		parts.year ?? 0,
		(parts.month ?? 1) - 1,
		parts.day ?? 1,
		parts.hour ?? 0,
		parts.minute ?? 0,
		parts.second ?? 0,
	);
	return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a local wall time names in `timeZone` (the earlier one when it happens twice). */
function localToInstant(wallAsUtc: number, timeZone: string): number {
	const first = wallAsUtc - zoneOffset(wallAsUtc, timeZone);
	const second = wallAsUtc - zoneOffset(first, timeZone);
	return Math.min(first, second);
}

export type EventTime =
	| { kind: 'dateTime'; instant: number }
	| { kind: 'date'; date: string }
	| { kind: 'error'; reason: 'invalid' | 'missingZone' };

/** An EventDateTime as sent: dateTime with an offset, a local dateTime plus timeZone, or a date. */
export function readEventTime(value: {
	dateTime?: unknown;
	date?: unknown;
	timeZone?: unknown;
}): EventTime {
	const timeZone = typeof value.timeZone === 'string' ? value.timeZone : undefined;
	if (timeZone !== undefined && !validZone(timeZone)) return { kind: 'error', reason: 'invalid' };
	if (typeof value.dateTime === 'string') {
		const withOffset = parseWithOffset(value.dateTime);
		if (withOffset !== null) return { kind: 'dateTime', instant: withOffset };
		const local = LOCAL.exec(value.dateTime);
		if (!local) return { kind: 'error', reason: 'invalid' };
		if (!timeZone) return { kind: 'error', reason: 'missingZone' };
		const [y, mo, d, h, mi, s] = local.slice(1, 7).map(Number) as number[];
		return {
			kind: 'dateTime',
			instant: localToInstant(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!), timeZone),
		};
	}
	if (typeof value.date === 'string' && DATE.test(value.date)) {
		return { kind: 'date', date: value.date };
	}
	return { kind: 'error', reason: 'invalid' };
}

/** Midnight starting a date (yyyy-mm-dd) in a zone. */
export function dateStart(date: string, timeZone: string): number {
	const [y, m, d] = date.split('-').map(Number) as number[];
	return localToInstant(Date.UTC(y!, m! - 1, d!), timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as the API writes event times: seconds, and the zone's offset ("+02:00"), or "Z"
 * for UTC, e.g. "2018-04-01T10:30:00+02:00".
 */
export function formatDateTime(instant: number, timeZone: string): string {
	const offset = timeZone === 'UTC' ? 0 : zoneOffset(instant, timeZone);
	const wall = new Date(instant + offset);
	const base =
		`${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
		`T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
	if (offset === 0) return `${base}Z`;
	const minutes = Math.abs(offset) / 60_000;
	return `${base}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function isTimeZone(value: string): boolean {
	return validZone(value);
}
