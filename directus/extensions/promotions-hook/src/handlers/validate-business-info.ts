// Filter hook: Business info's default posting slots are checked before Directus saves them, so a
// typo is refused in the Studio instead of failing workflow 02's scheduled runs later.
import { InvalidPayloadError } from '@directus/errors';
import { checkSlots } from '../utils/check-slots.ts';
import type { PromotionRecord } from '../utils/promotion-problem.ts';

/** Create or update alike: only the slots in the payload are new (saved ones passed this check). */
export function validateBusinessInfo(payload: PromotionRecord): PromotionRecord {
	const problems = checkSlots(payload, 'default_posting_slots');
	if (problems.length) {
		throw new InvalidPayloadError({
			reason: `Business info: ${problems.map((problem) => problem.message).join('; ')}`,
		});
	}
	return payload;
}
