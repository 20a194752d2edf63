// Values written for the customer: Intl in their locale and the business's time zone, never by
// hand. Weekday-and-time phrases are routing's (the out-of-hours note and the message agree).
import { WEEKDAYS, type Weekday } from '../common/zoned-time.ts';
import type { OpeningHours } from '../content/schemas.ts';
import { openingPhrase, resolveLanguage } from '../routing/opening-phrase.ts';
import type { Money, RawValue, VariableType } from './variables.ts';

export { resolveLanguage };

export interface FormatOptions {
	locale: string;
	timeZone: string;
}

// 2024-01-01 was a Monday: the weekday names come from Intl for these dates.
const WEEKDAY_DATES: Record<Weekday, Date> = Object.fromEntries(
	WEEKDAYS.map((day, offset) => [day, new Date(Date.UTC(2024, 0, 1 + offset, 12))]),
) as Record<Weekday, Date>;

function clockTime(time: string, locale: string): string {
	const [hour = 0, minute = 0] = time.split(':').map(Number);
	return new Intl.DateTimeFormat(locale, {
		timeZone: 'UTC',
		hour: '2-digit',
		minute: '2-digit',
	}).format(new Date(Date.UTC(2024, 0, 1, hour, minute)));
}

/** Consecutive days with the same intervals read as one range ("Monday–Friday 09:00–18:00"). */
export function formatHours(hours: OpeningHours, locale: string): string | null {
	const weekday = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' });
	const shifts = (day: Weekday) =>
		(hours[day] ?? [])
			.map((interval) => `${clockTime(interval.open, locale)}–${clockTime(interval.close, locale)}`)
			.join(', ');
	const runs: { from: Weekday; to: Weekday; shifts: string }[] = [];
	for (const day of WEEKDAYS) {
		const today = shifts(day);
		const last = runs.at(-1);
		if (
			today &&
			last &&
			last.shifts === today &&
			WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1
		) {
			last.to = day;
		} else if (today) {
			runs.push({ from: day, to: day, shifts: today });
		}
	}
	if (runs.length === 0) return null;
	const name = (day: Weekday) => weekday.format(WEEKDAY_DATES[day]);
	const parts = runs.map(
		(run) =>
			`${run.from === run.to ? name(run.from) : `${name(run.from)}–${name(run.to)}`} ${run.shifts}`,
	);
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

function formatMoney(money: Money, locale: string): string {
	const amount = Number(money.amount);
	return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
		amount,
	);
}

/**
 * The value as the customer reads it. Text is kept exactly (it is data, never a template);
 * numbers, prices, dates and hours follow the locale.
 */
export function formatValue(type: VariableType, value: RawValue, options: FormatOptions): string {
	const locale = resolveLanguage(options.locale);
	const { timeZone } = options;
	switch (type) {
		case 'text':
		case 'phone':
		case 'url':
			return String(value);
		case 'number':
			return new Intl.NumberFormat(locale).format(value as number);
		case 'money':
			return formatMoney(value as Money, locale);
		case 'date':
			return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' }).format(value as Date);
		case 'datetime':
			return new Intl.DateTimeFormat(locale, {
				timeZone,
				dateStyle: 'long',
				timeStyle: 'short',
			}).format(value as Date);
		case 'weekday':
			return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(value as Date);
		case 'time':
			return new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(
				value as Date,
			);
		case 'opening':
			return openingPhrase(value as Date, timeZone, locale);
		case 'hours':
			return formatHours(value as OpeningHours, locale) ?? '';
	}
}
