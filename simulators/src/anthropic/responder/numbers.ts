import type { Constraints } from './constraints.ts';
import { confidence, type Facts } from './facts.ts';

const probabilityName = /confidence|score|probability|certainty|likelihood/;
// "The second one", "la primera", "3": which of a listed set the message names.
const positionName = /option|choice|position|index|rank/;
const ordinals: ReadonlyArray<readonly [RegExp, number]> = [
	[/\b(first|1st|primer[oa]?|primeir[oa])\b/, 1],
	[/\b(second|2nd|segund[oa])\b/, 2],
	[/\b(third|3rd|tercer[oa]?|terceir[oa])\b/, 3],
	[/\b(fourth|4th|cuart[oa]|quart[oa])\b/, 4],
	[/\b(fifth|5th|quint[oa])\b/, 5],
	[/\blast\b|\bultim[oa]\b/, -1],
];

function namedPosition(foldedText: string): number | undefined {
	const digit = /(?:^|[^\p{L}\p{N}])(\d{1,2})(?![\p{L}\p{N}:])/u.exec(foldedText)?.[1];
	if (digit !== undefined) return Number(digit);
	return ordinals.find(([pattern]) => pattern.test(foldedText))?.[1];
}

function bounds(c: Constraints, integer: boolean): { low: number; high: number } {
	const step = integer ? 1 : 1e-6;
	const low = Math.max(
		c.minimum ?? -Infinity,
		c.exclusiveMinimum !== undefined ? c.exclusiveMinimum + step : -Infinity,
	);
	const high = Math.min(
		c.maximum ?? Infinity,
		c.exclusiveMaximum !== undefined ? c.exclusiveMaximum - step : Infinity,
	);
	return { low, high };
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

/** A number inside the schema's bounds; confidence-like fields follow how well the content matched. */
export function generateNumber(
	nameWords: string,
	c: Constraints,
	integer: boolean,
	facts: Facts,
): number {
	const { low, high } = bounds(c, integer);
	let value: number;
	const position = positionName.test(nameWords) ? namedPosition(facts.foldedUserText) : undefined;
	if (position !== undefined && integer) {
		value = position > 0 || !Number.isFinite(high) ? position : high;
	} else if (probabilityName.test(nameWords)) {
		const p = confidence(facts);
		// A 0–100 scale gets a percentage; otherwise the probability itself.
		value = high > 1 && Number.isFinite(high) ? p * high : p;
	} else if (Number.isFinite(low) && Number.isFinite(high)) value = (low + high) / 2;
	else if (Number.isFinite(low)) value = Math.max(low, 1);
	else if (Number.isFinite(high)) value = Math.min(high, 1);
	else value = 1;
	if (c.multipleOf) value = Math.round(value / c.multipleOf) * c.multipleOf;
	if (integer) value = Math.round(value);
	const fitted = clamp(value, low, high);
	if (!integer) return Math.round(fitted * 1e6) / 1e6;
	return Math.ceil(fitted) <= high ? Math.ceil(fitted) : Math.floor(fitted);
}
