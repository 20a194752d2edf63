// Posting slots as the poster reads them: glue's parser decides, so a slot saved here is never one
// the scheduled run then fails on. Used for a promotion's own slots and Business info's defaults.
import { parsePostingSlot } from '@switchboard/glue/social';
import { shown, type PromotionProblem } from './promotion-problem.ts';

/** The field's value as a list; null and missing are empty, anything else is a problem. */
export function listOf(
	record: Record<string, unknown>,
	field: string,
	problems: PromotionProblem[],
): unknown[] {
	const value = record[field];
	if (value === null || value === undefined) return [];
	if (Array.isArray(value)) return value;
	problems.push({ field, message: `"${field}" must be a list (got ${shown(value)})` });
	return [];
}

/** One problem per slot the poster cannot read, naming it and the form it expects. */
export function checkSlots(record: Record<string, unknown>, field: string): PromotionProblem[] {
	const problems: PromotionProblem[] = [];
	for (const slot of listOf(record, field, problems)) {
		if (typeof slot !== 'string' || parsePostingSlot(slot) === null) {
			problems.push({
				field,
				message: `"${field}" has ${shown(slot)}; write each slot as a weekday and a 24-hour time, e.g. "mon 09:00"`,
			});
		}
	}
	return problems;
}
