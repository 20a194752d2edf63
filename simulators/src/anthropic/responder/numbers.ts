import type { Constraints } from './constraints.ts';
import { confidence, type Facts } from './facts.ts';

const probabilityName = /confidence|score|probability|certainty|likelihood/;

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
	if (probabilityName.test(nameWords)) {
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
