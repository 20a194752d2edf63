// The last check before a reply can reach a customer: every figure it states must appear in a
// content record it cites, and it may only cite records that were offered. Anything else is held
// back for a human, because a wrong price or date sent by the bot is a promise the business made.
import {
	type CalendarDay,
	extractFigures,
	type Figure,
	type FigureKind,
} from './extract-figures.ts';

export interface GuardInput {
	reply: string;
	usedContentIds: readonly string[];
	/** Every record offered to Claude, id → the text it was shown. */
	records: ReadonlyMap<string, string>;
	/**
	 * The customer's own words. Plain numbers and phone numbers they wrote (an order number, their
	 * phone) may be repeated back; amounts, percentages, dates and times may not, since repeating
	 * "so it's 10 €?" back would confirm a price nobody offered.
	 */
	customerText?: string;
}

export interface Offending {
	kind: FigureKind | 'content_id';
	text: string;
}

export type GuardVerdict =
	| { blocked: false }
	| { blocked: true; reason: string; offending: Offending[] };

interface Allowed {
	values: number[];
	/** Parts of dates and phone numbers: fine as a plain number, never as an amount or percentage. */
	plainValues: number[];
	dates: CalendarDay[];
	minutes: Set<number>;
	phones: string[];
}

function allow(allowed: Allowed, figure: Figure): void {
	switch (figure.kind) {
		case 'money':
		case 'percent':
		case 'number':
			allowed.values.push(figure.value);
			return;
		case 'date':
			allowed.dates.push(...figure.dates);
			// "until the 30th", "during 2026" repeat parts of a date the record gives.
			for (const d of figure.dates) allowed.plainValues.push(d.day, ...(d.year ? [d.year] : []));
			return;
		case 'time':
			allowed.minutes.add(figure.minutes);
			return;
		case 'phone':
			allowed.phones.push(figure.digits);
			// The same number written without its country code reads as digit groups.
			for (const group of figure.text.split(/\D+/)) {
				if (group) allowed.plainValues.push(Number(group));
			}
			return;
	}
}

const sameValue = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function sameDay(a: CalendarDay, b: CalendarDay): boolean {
	return (
		a.month === b.month &&
		a.day === b.day &&
		(a.year === null || b.year === null || a.year === b.year)
	);
}

function samePhone(a: string, b: string): boolean {
	return a === b || (Math.min(a.length, b.length) >= 7 && (a.endsWith(b) || b.endsWith(a)));
}

function isAllowed(figure: Figure, allowed: Allowed): boolean {
	switch (figure.kind) {
		case 'money':
		case 'percent':
			return allowed.values.some((v) => sameValue(v, figure.value));
		case 'number':
			return [...allowed.values, ...allowed.plainValues].some((v) => sameValue(v, figure.value));
		case 'date':
			return figure.dates.some((d) => allowed.dates.some((a) => sameDay(d, a)));
		case 'time':
			return allowed.minutes.has(figure.minutes);
		case 'phone':
			return allowed.phones.some((p) => samePhone(p, figure.digits));
	}
}

function listOf(items: readonly string[]): string {
	return items.map((item) => `"${item}"`).join(', ');
}

export function guardReply(input: GuardInput): GuardVerdict {
	const unknownIds = [...new Set(input.usedContentIds)].filter((id) => !input.records.has(id));
	const allowed: Allowed = {
		values: [],
		plainValues: [],
		dates: [],
		minutes: new Set(),
		phones: [],
	};
	for (const id of input.usedContentIds) {
		for (const figure of extractFigures(input.records.get(id) ?? '')) allow(allowed, figure);
	}
	for (const figure of extractFigures(input.customerText ?? '')) {
		if (figure.kind === 'number' || figure.kind === 'phone') allow(allowed, figure);
	}
	const uncited = extractFigures(input.reply).filter((figure) => !isAllowed(figure, allowed));
	if (unknownIds.length === 0 && uncited.length === 0) return { blocked: false };
	const reasons = [
		uncited.length
			? `the reply states ${listOf(uncited.map((f) => f.text))}, which no cited record contains`
			: undefined,
		unknownIds.length ? `the reply cites ${listOf(unknownIds)}, which were not offered` : undefined,
	].filter((r) => r !== undefined);
	return {
		blocked: true,
		reason: `Held back by the guard: ${reasons.join('; ')}.`,
		offending: [
			...uncited.map((f) => ({ kind: f.kind, text: f.text })),
			...unknownIds.map((id) => ({ kind: 'content_id' as const, text: id })),
		],
	};
}
