// Posting slots: "mon 09:00" is a weekday and a wall-clock time in the business's time zone. The
// schedule check runs often (every 15 minutes in workflow 02) and asks which slot is due now; the
// answer is an instant, so a slot is one idempotency key whatever the clocks do around it.
import { WEEKDAYS, type Weekday } from '../content/schemas.ts';
import { addDays, wallClock, weekdayOf, zonedInstant } from '../common/zoned-time.ts';

/** Monday and Thursday at 09:00, when neither the promotion nor Business info names slots. */
export const DEFAULT_POSTING_SLOTS: readonly string[] = ['mon 09:00', 'thu 09:00'];

/**
 * How late a slot may still be posted. Longer than the check's interval, so a check that fires a
 * second early, or an n8n that was down for a while, does not lose the slot; the idempotency key
 * keeps a slot seen by two checks from posting twice.
 */
export const DEFAULT_CATCH_UP_MS = 60 * 60_000;
/** Catch-up beyond a week would make a weekly slot due twice over. */
export const MAX_CATCH_UP_MS = 7 * 24 * 60 * 60_000;

export interface PostingSlot {
	weekday: Weekday;
	/** Minutes after local midnight. */
	minuteOfDay: number;
	/** As written, normalised: "mon 09:00". */
	label: string;
}

const SLOT = /^([a-z]+)\s+([01]?\d|2[0-3]):([0-5]\d)$/i;
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "mon 09:00", "Thu 18:30", "monday 9:00"; null for anything else. */
export function parsePostingSlot(text: string): PostingSlot | null {
	const match = SLOT.exec(text.trim());
	if (!match) return null;
	const name = match[1]!.toLowerCase();
	const weekday = WEEKDAYS.find((day, index) => name === day || name === DAY_NAMES[index]) as
		| Weekday
		| undefined;
	if (!weekday) return null;
	const hour = Number(match[2]);
	const minute = Number(match[3]);
	const label = `${weekday} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
	return { weekday, minuteOfDay: hour * 60 + minute, label };
}

export interface ParsedSlots {
	slots: PostingSlot[];
	/** Entries that are no weekday and time, as written. */
	invalid: string[];
}

/** Parses a list of slots; repeats are dropped, unreadable entries are returned in `invalid`. */
export function parsePostingSlots(texts: readonly string[]): ParsedSlots {
	const slots = new Map<string, PostingSlot>();
	const invalid: string[] = [];
	for (const text of texts) {
		const slot = parsePostingSlot(text);
		if (slot) slots.set(slot.label, slot);
		else invalid.push(text);
	}
	return { slots: [...slots.values()], invalid };
}

export interface DueSlot {
	slot: PostingSlot;
	at: Date;
}

/**
 * The latest slot at or before `now` that is less than `catchUpMs` old, or null. Slots are read on
 * the business's calendar: on the day the clocks go forward a slot inside the skipped hour falls
 * at the jump, and on the day they go back a slot inside the repeated hour is the first of the two
 * (common/zoned-time.ts), so each slot is exactly one instant.
 */
export function latestDueSlot(
	slots: readonly PostingSlot[],
	now: number,
	timeZone: string,
	catchUpMs: number,
): DueSlot | null {
	if (slots.length === 0 || catchUpMs <= 0) return null;
	const today = wallClock(now, timeZone);
	const earliest = wallClock(now - catchUpMs, timeZone);
	// One day before the earliest local date too: an instant on that date may still lie in the window
	// when the zone's offset moved in between.
	let day = addDays(earliest, -1);
	let latest: DueSlot | null = null;
	for (let guard = 0; guard < 10; guard++) {
		const weekday = weekdayOf(day);
		for (const slot of slots) {
			if (slot.weekday !== weekday) continue;
			const at = zonedInstant(day, slot.minuteOfDay, timeZone);
			const age = now - at.getTime();
			if (age >= 0 && age < catchUpMs && (latest === null || at > latest.at)) {
				latest = { slot, at };
			}
		}
		if (day.year === today.year && day.month === today.month && day.day === today.day) break;
		day = addDays(day, 1);
	}
	return latest;
}
