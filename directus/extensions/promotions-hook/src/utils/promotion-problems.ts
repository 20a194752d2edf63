import { checkDates } from './check-dates.ts';
import { checkPublishing, type PublishingFacts } from './check-publishing.ts';
import { checkText } from './check-text.ts';
import type { PromotionProblem, PromotionRecord } from './promotion-problem.ts';

/** Everything wrong with a promotion as it would be saved; empty when it may be saved. */
export function promotionProblems(
	record: PromotionRecord,
	facts: PublishingFacts = { imageType: null },
): PromotionProblem[] {
	return [...checkText(record), ...checkDates(record), ...checkPublishing(record, facts)];
}

/** The reason of the InvalidPayloadError, naming each field (Directus adds the final period). */
export function problemsReason(
	problems: readonly PromotionProblem[],
	id?: string | number,
): string {
	const which = id === undefined ? '' : `Promotion ${id}: `;
	return `${which}${problems.map((problem) => problem.message).join('; ')}`;
}
