// Whether the business is open, and when it next opens, on its own wall clock.
import type { BusinessInfo, Department, OpeningHours } from '../content/schemas.ts';
import { openingPhrase } from './opening-phrase.ts';
import {
	addDays,
	assertTimeZone,
	wallClock,
	weekdayOf,
	zonedInstant,
} from '../common/zoned-time.ts';

export interface Opening {
	at: Date;
	/** e.g. "Monday at 09:00", "lunes a las 09:00". */
	phrase: string;
}

const DAY_MINUTES = 24 * 60;

function minutesOf(clockTime: string): number {
	const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
	return hours * 60 + minutes;
}

// The schema cannot write 24:00, so a shift that runs to midnight ends "23:59"; read it as midnight,
// or an overnight shift (fri 22:00–23:59 + sat 00:00–06:00) would close for a minute.
function closingMinutes(clockTime: string): number {
	return clockTime === '23:59' ? DAY_MINUTES : minutesOf(clockTime);
}

/** The department's own hours when it has them (even none at all), else the business's. */
export function effectiveHours(department: Department, business: BusinessInfo): OpeningHours {
	return department.openingHours ?? business.openingHours;
}

/** Whether `at` falls in an interval [open, close) of that weekday on the business's wall clock. */
export function isOpen(hours: OpeningHours, timeZone: string, at: Date): boolean {
	const clock = wallClock(at, timeZone);
	const now = clock.hour * 60 + clock.minute + clock.second / 60;
	return (hours[clock.weekday] ?? []).some(
		(interval) => minutesOf(interval.open) <= now && now < closingMinutes(interval.close),
	);
}

/**
 * The next time the doors open after `at` (never `at` itself; while open, the opening after this
 * shift), with a phrase in the customer's language. Null when a whole week holds no opening: no
 * hours at all, or open round the clock. An opening time the clocks skip (DST) opens at the jump.
 */
export function nextOpening(
	hours: OpeningHours,
	timeZone: string,
	at: Date,
	language?: string | null,
): Opening | null {
	assertTimeZone(timeZone);
	const today = wallClock(at, timeZone);
	// Today through the same weekday next week, which may open earlier in the day than `at`.
	for (let offset = 0; offset <= 7; offset += 1) {
		const date = addDays(today, offset);
		const starts = (hours[weekdayOf(date)] ?? [])
			.map((interval) => minutesOf(interval.open))
			.sort((a, b) => a - b);
		for (const start of starts) {
			const instant = zonedInstant(date, start, timeZone);
			if (instant.getTime() <= at.getTime()) continue;
			// Not an opening when it only continues a shift (overnight, overlapping intervals), nor
			// when the DST jump swallowed the whole interval.
			const before = new Date(instant.getTime() - 1);
			if (isOpen(hours, timeZone, before) || !isOpen(hours, timeZone, instant)) continue;
			return { at: instant, phrase: openingPhrase(instant, timeZone, language) };
		}
	}
	return null;
}
