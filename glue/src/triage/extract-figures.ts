// Finds the figures a text states (amounts, percentages, numbers, dates, times, phone numbers) in
// a comparable form, so that "$29.99", "29,99 €" and "29.99" read as the same price.
import { MONTH_PATTERN, monthNumber } from './months.ts';
import { countDigits, parseNumber } from './parse-number.ts';

export interface CalendarDay {
	/** Null when the text gave no year ("30 November"). */
	year: number | null;
	month: number;
	day: number;
}

export type Figure =
	| { kind: 'money' | 'percent' | 'number'; text: string; value: number }
	/** A numeric date like 05/06/2026 is ambiguous: every valid reading is kept. */
	| { kind: 'date'; text: string; dates: CalendarDay[] }
	| { kind: 'time'; text: string; minutes: number }
	| { kind: 'phone'; text: string; digits: string };
export type FigureKind = Figure['kind'];

// Links, e-mail addresses and record ids carry digits that are not claims; they are blanked first.
const masks = [
	/\bhttps?:\/\/\S+|\bwww\.\S+/giu,
	/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
	/\b(?:faq|plan|promotion|business):[\w-]+/giu,
];

const NUM = String.raw`(?:\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
const START = String.raw`(?<![\p{L}\p{N}.,])`;
const CODES = 'USD|EUR|GBP|MXN|BRL|ARS|COP|CLP|PEN|CAD|AUD|CHF';
const CURRENCY_BEFORE = String.raw`(?:US\$|R\$|[$€£¥₹]|(?:${CODES})(?=\s?\d))`;
const CURRENCY_AFTER = String.raw`(?:[$€£¥₹]|(?:${CODES}|euros?|dollars?|d[oó]lares|pesos?|reais|libras?)(?![\p{L}]))`;
const PERCENT = String.raw`(?:%|(?:percent|per cent|por ciento|por cento|pour cent|prozent)(?![\p{L}]))`;

interface Matcher {
	pattern: RegExp;
	read(match: RegExpExecArray): Figure | undefined;
}

function validDay(year: number | null, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	// Without a year, 29 February is possible.
	const days = new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
	return day <= days;
}

function fullYear(written: string): number {
	const year = Number(written);
	return written.length === 2 ? 2000 + year : year;
}

function dateFigure(text: string, readings: CalendarDay[]): Figure | undefined {
	const dates = readings.filter((d) => validDay(d.year, d.month, d.day));
	return dates.length ? { kind: 'date', text, dates } : undefined;
}

function numericFigure(kind: 'money' | 'percent' | 'number', text: string, written: string) {
	const value = parseNumber(written);
	return Number.isNaN(value) ? undefined : ({ kind, text, value } as const);
}

function timeFigure(
	text: string,
	hour: number,
	minute: number,
	meridiem?: string,
): Figure | undefined {
	let h = hour;
	if (meridiem) {
		if (h < 1 || h > 12) return undefined;
		h = (h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
	}
	if (minute > 59 || h > 24 || (h === 24 && minute > 0)) return undefined;
	return { kind: 'time', text, minutes: h * 60 + minute };
}

const n = (s: string | undefined) => Number(s ?? '');

// In priority order: an earlier matcher claims its characters, so "2026-11-30" is one date and not
// three numbers, and "29,99 €" one amount and not a number.
const matchers: Matcher[] = [
	{
		pattern: /\+\d+(?:[\s.-]?\(?\d+\)?)*/gu,
		read: (m) =>
			countDigits(m[0]) >= 7
				? { kind: 'phone', text: m[0], digits: m[0].replace(/\D/g, '') }
				: undefined,
	},
	{
		// 2026-11-30, 2026/11/30
		pattern: /(?<![\p{N}.,/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}])/gu,
		read: (m) => dateFigure(m[0], [{ year: n(m[1]), month: n(m[3]), day: n(m[4]) }]),
	},
	{
		// 30/11/2026, 11-30-26, 30.11.2026: day-month or month-day, whichever is valid.
		pattern: /(?<![\p{N}.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[.,]\d)/gu,
		read: (m) => {
			const year = fullYear(m[4] ?? '');
			const [a, b] = [n(m[1]), n(m[3])];
			const readings = [{ year, month: b, day: a }];
			if (a !== b) readings.push({ year, month: a, day: b });
			return dateFigure(m[0], readings);
		},
	},
	{
		// 30 November 2026, 1º de enero, 30. November, 1er janvier
		pattern: new RegExp(
			String.raw`(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th|º|ª|er|\.)?\s*(?:de\s+|of\s+)?(${MONTH_PATTERN})\.?(?![\p{L}])(?:,?\s*(?:de\s+|del\s+)?(\d{4})(?![\p{N}]))?`,
			'giu',
		),
		read: (m) => {
			const month = monthNumber(m[2] ?? '');
			return month === undefined
				? undefined
				: dateFigure(m[0], [{ year: m[3] ? n(m[3]) : null, month, day: n(m[1]) }]);
		},
	},
	{
		// November 30, 2026; Nov. 30
		pattern: new RegExp(
			String.raw`(?<![\p{L}])(${MONTH_PATTERN})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\p{N}])(?:,?\s*(\d{4})(?![\p{N}]))?`,
			'giu',
		),
		read: (m) => {
			const month = monthNumber(m[1] ?? '');
			return month === undefined
				? undefined
				: dateFigure(m[0], [{ year: m[3] ? n(m[3]) : null, month, day: n(m[2]) }]);
		},
	},
	{
		// 30/11 (slash only: "30.11" is as likely a price)
		pattern: /(?<![\p{N}/.,])(\d{1,2})\/(\d{1,2})(?![\p{N}/])/gu,
		read: (m) => {
			const [a, b] = [n(m[1]), n(m[2])];
			const readings: CalendarDay[] = [{ year: null, month: b, day: a }];
			if (a !== b) readings.push({ year: null, month: a, day: b });
			return dateFigure(m[0], readings);
		},
	},
	{
		// 09:00, 9:30 pm, 9h30, also before a colon ("at 23:59: hurry"); "12:30:45" may be a ratio
		pattern:
			/(?<![\p{N}:.,])(\d{1,2})[:h](\d{2})(?:\s?([ap])\.?\s?m\.?(?![\p{L}]))?(?!\p{N}|:\p{N})/giu,
		read: (m) => timeFigure(m[0], n(m[1]), n(m[2]), m[3]),
	},
	{
		// 6pm, 6 p.m.
		pattern: /(?<![\p{N}:.,])(\d{1,2})\s?([ap])\.?\s?m\b\.?/giu,
		read: (m) => timeFigure(m[0], n(m[1]), 0, m[2]),
	},
	{
		pattern: new RegExp(String.raw`${CURRENCY_BEFORE}\s?(${NUM})(?![\p{N}])`, 'gu'),
		read: (m) => numericFigure('money', m[0], m[1] ?? ''),
	},
	{
		pattern: new RegExp(String.raw`${START}(${NUM})\s?${CURRENCY_AFTER}`, 'giu'),
		read: (m) => numericFigure('money', m[0], m[1] ?? ''),
	},
	{
		pattern: new RegExp(String.raw`${START}(${NUM})\s?${PERCENT}`, 'giu'),
		read: (m) => numericFigure('percent', m[0], m[1] ?? ''),
	},
	{
		// Plain numbers of two digits or more: "5 days" is not worth a hand-off, "24 hours" is.
		pattern: new RegExp(String.raw`(?<![\p{L}\p{N}.,])(${NUM})(?![\p{N}])`, 'gu'),
		read: (m) => (countDigits(m[0]) >= 2 ? numericFigure('number', m[0], m[0]) : undefined),
	},
];

function blank(text: string, pattern: RegExp): string {
	return text.replace(pattern, (found) => ' '.repeat(found.length));
}

/** Every figure the text states, in reading order. Empty text gives none. */
export function extractFigures(text: string): Figure[] {
	const masked = masks.reduce(blank, text);
	const taken = new Array<boolean>(masked.length).fill(false);
	const found: Array<{ at: number; figure: Figure }> = [];
	for (const { pattern, read } of matchers) {
		for (const match of masked.matchAll(pattern)) {
			const start = match.index;
			const end = start + match[0].length;
			if (taken.slice(start, end).some(Boolean)) continue;
			const figure = read(match);
			if (!figure) continue;
			taken.fill(true, start, end);
			found.push({ at: start, figure: { ...figure, text: figure.text.trim() } });
		}
	}
	return found.sort((a, b) => a.at - b.at).map((f) => f.figure);
}
