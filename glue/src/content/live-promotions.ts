// Invariant 4 of the design: the AI is only given live content. A promotion is live when it is
// published (the query's job) and its start <= now <= its end, where "now" comes from the
// injected clock and the dates are read in the business's time zone (see common/zoned-time.ts).
import type { Promotion } from './schemas.ts';
import type { TimedPromotion } from './records.ts';

export function isLive(timed: TimedPromotion, now: number): boolean {
	return timed.startsAtMs <= now && now <= timed.endsAtMs && timed.startsAtMs < timed.endsAtMs;
}

/** Live promotions for a department (or for all, when none is given), soonest-ending first. */
export function livePromotions(
	timed: readonly TimedPromotion[],
	now: number,
	department?: string,
): Promotion[] {
	return timed
		.filter((entry) => isLive(entry, now))
		.filter(
			(entry) =>
				department === undefined ||
				entry.promotion.department === null ||
				entry.promotion.department === department,
		)
		.sort((a, b) => a.endsAtMs - b.endsAtMs || a.startsAtMs - b.startsAtMs)
		.map((entry) => entry.promotion);
}
