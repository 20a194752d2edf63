// Which promotions are due in this run, and under which slot. Pure: the promotions, the clock and
// the trigger come in; the caller reads Directus and the log store.
//
// The rules:
// - Schedule: a live promotion is due when its latest slot (its own, or the business's default from
//   Directus Business info) is at most the catch-up window old, and that slot lies within its start
//   and end.
// - "promotion.published": the promotion is due at once if it is live, under its launch slot: the
//   instant it starts. So each promotion gets one on-publish post per platform: a repeated event, or
//   unpublishing and publishing again, finds the launch slot's keys taken and posts nothing. A
//   promotion published before it starts posts at its first regular slot instead.
// - "promotion.changed": nothing is due. Every run reads the content afresh, so an edit shows in the
//   next slot's post without posting on its own.
import type { Promotion } from '../content/schemas.ts';
import {
	DEFAULT_CATCH_UP_MS,
	latestDueSlot,
	parsePostingSlots,
	type PostingSlot,
} from './slots.ts';
import type { RunTrigger } from './trigger.ts';

export interface DuePromotion {
	promotion: Promotion;
	/** The slot's instant: with the promotion and platform, the post's idempotency key. */
	slot: Date;
	reason: 'slot' | 'published';
	/** "mon 09:00" for a regular slot, "launch" for the on-publish one. */
	slotLabel: string;
}

/** A promotion left out because of how it is filled in, for the run's output and the logs. */
export interface DueProblem {
	promotionId: string;
	title: string;
	message: string;
}

export interface DueOptions {
	/** Live promotions, as the content reader returns them (published, start <= now <= end). */
	promotions: readonly Promotion[];
	/** The business's time zone: slots are wall-clock times there. */
	timeZone: string;
	trigger: RunTrigger;
	now: number;
	/** For promotions without their own slots: Business info's, else Monday and Thursday 09:00. */
	defaultSlots: readonly PostingSlot[];
	catchUpMs?: number;
}

export interface DueResult {
	due: DuePromotion[];
	problems: DueProblem[];
}

const startOf = (promotion: Promotion) => Date.parse(promotion.startsAt);
const endOf = (promotion: Promotion) => Date.parse(promotion.endsAt);

/** Live at `at`: started, not ended (the end is inclusive, as the content reader has it). */
function liveAt(promotion: Promotion, at: number): boolean {
	return startOf(promotion) <= at && at <= endOf(promotion);
}

function dueOnSchedule(
	promotion: Promotion,
	options: DueOptions,
	asOf: number,
	problems: DueProblem[],
): DuePromotion | null {
	let slots = options.defaultSlots;
	if (promotion.postingSlots.length > 0) {
		const own = parsePostingSlots(promotion.postingSlots);
		if (own.invalid.length > 0) {
			problems.push({
				promotionId: promotion.id,
				title: promotion.title,
				message:
					`posting slots ${own.invalid.map((slot) => JSON.stringify(slot)).join(', ')} are not ` +
					'a weekday and a time such as "mon 09:00"' +
					(own.slots.length > 0 ? '; the others still apply' : '; it is not posted on schedule'),
			});
		}
		// Slots of its own, even if unreadable, replace the default: posting at times marketing did
		// not ask for would be worse than not posting.
		slots = own.slots;
	}
	const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
	const latest = latestDueSlot(slots, asOf, options.timeZone, catchUpMs);
	if (!latest || !liveAt(promotion, latest.at.getTime())) return null;
	return { promotion, slot: latest.at, reason: 'slot', slotLabel: latest.slot.label };
}

/** The promotions to post in this run, each under exactly one slot. */
export function duePromotions(options: DueOptions): DueResult {
	const { trigger, now } = options;
	const problems: DueProblem[] = [];
	const due: DuePromotion[] = [];
	// Only what is live now is posted, whatever the trigger: invariant 4 (never an expired or draft
	// promotion), checked here again rather than trusted to the caller.
	const candidates = options.promotions.filter(
		(promotion) => promotion.platforms.length > 0 && liveAt(promotion, now),
	);
	if (trigger.kind === 'changed') return { due, problems };
	if (trigger.kind === 'published') {
		const promotion = candidates.find((candidate) => candidate.id === trigger.promotionId);
		if (promotion) {
			due.push({
				promotion,
				slot: new Date(startOf(promotion)),
				reason: 'published',
				slotLabel: 'launch',
			});
		}
		return { due, problems };
	}
	const asOf = trigger.at?.getTime() ?? now;
	for (const promotion of candidates) {
		const entry = dueOnSchedule(promotion, options, asOf, problems);
		if (entry) due.push(entry);
	}
	return { due, problems };
}
