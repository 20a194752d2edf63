// Both dates are wall-clock times in the business's time zone (directus/README.md), so comparing
// them as UTC wall clocks gives the same order whatever the zone.
import { parseContentDate } from '@switchboard/glue/common';
import { shown, type PromotionProblem, type PromotionRecord } from './promotion-problem.ts';

export function checkDates(record: PromotionRecord): PromotionProblem[] {
	const problems: PromotionProblem[] = [];
	const read = (field: 'starts_at' | 'ends_at', edge: 'start' | 'end', what: string) => {
		const value = record[field];
		if (value === null || value === undefined || value === '') {
			problems.push({ field, message: `"${field}" is required: the ${what} moment it is live` });
			return null;
		}
		const instant = typeof value === 'string' ? parseContentDate(value, 'UTC', edge) : null;
		if (instant === null) {
			problems.push({
				field,
				message: `"${field}" is not a date and time: ${shown(value)} (e.g. 2026-03-31T23:59:00)`,
			});
		}
		return instant;
	};
	const starts = read('starts_at', 'start', 'first');
	const ends = read('ends_at', 'end', 'last');
	if (starts !== null && ends !== null && ends <= starts) {
		problems.push({
			field: 'ends_at',
			message: `"ends_at" must be after "starts_at": the promotion would end (${shown(record.ends_at)}) before it starts (${shown(record.starts_at)})`,
		});
	}
	return problems;
}
