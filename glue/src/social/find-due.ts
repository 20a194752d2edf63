// The first step of a run: the trigger, the live promotions from Directus and the business's time
// zone give the posts due now; platforms whose key is already taken in sb_social_posts are left out,
// so a second run of the same slot asks Claude for nothing and posts nothing.
import type { SocialPlatform } from '../captions/platforms.ts';
import type { ContentReader } from '../content/reader.ts';
import type { BusinessInfo, Promotion } from '../content/schemas.ts';
import { formatInZone } from '../common/zoned-time.ts';
import type { Queryable } from '../log-store/repository.ts';
import { type ExistingClaim, existingClaims } from './claims.ts';
import { type DueProblem, duePromotions } from './due.ts';
import {
	DEFAULT_POSTING_SLOTS,
	MAX_CATCH_UP_MS,
	parsePostingSlots,
	type PostingSlot,
} from './slots.ts';
import { SocialConfigError } from './social-config-error.ts';
import { parseRunTrigger, type RunTrigger } from './trigger.ts';

export interface DuePost {
	trigger: RunTrigger['kind'];
	reason: 'slot' | 'published';
	/** The slot's instant, ISO 8601 in UTC. */
	slot: string;
	/** The same instant on the business's clock, e.g. "2026-11-23T09:00:00-05:00". */
	slotLocal: string;
	slotLabel: string;
	promotion: Promotion;
	business: Pick<BusinessInfo, 'name' | 'timeZone' | 'toneOfVoice'>;
	/** To post in this run: the promotion's platforms whose key nobody holds yet. */
	platforms: SocialPlatform[];
	/** Platforms an earlier (or a concurrent) run already claimed for this slot. */
	alreadyClaimed: ExistingClaim[];
}

export interface FindDueDeps {
	content: Pick<ContentReader, 'livePromotions' | 'businessInfo'>;
	db: Queryable;
	/** Milliseconds since the epoch; Date.now in production. */
	now: () => number;
	/** How late a slot may still be posted; see DEFAULT_CATCH_UP_MS. */
	catchUpMs?: number;
}

export interface FindDueResult {
	trigger: RunTrigger;
	posts: DuePost[];
	problems: DueProblem[];
}

/** Where marketing sets the default slots, as errors name it. */
const DEFAULT_SLOTS_HOME =
	'default posting slots in Directus Business info (default_posting_slots)';

/**
 * Parses the business's default slots (Directus Business info); empty means Monday and Thursday
 * 09:00. Any unreadable one is a configuration error, because posting at times marketing did not
 * choose would be worse than stopping the schedule until it is fixed.
 */
export function defaultSlotsOf(texts: readonly string[] | null | undefined): PostingSlot[] {
	const { slots, invalid } = parsePostingSlots(texts?.length ? texts : DEFAULT_POSTING_SLOTS);
	if (invalid.length > 0) {
		throw new SocialConfigError(
			DEFAULT_SLOTS_HOME,
			`has ${invalid.map((slot) => JSON.stringify(slot)).join(', ')}: write each as a weekday and a 24-hour time, e.g. "mon 09:00"`,
		);
	}
	return slots;
}

export async function findDuePosts(
	triggerInput: unknown,
	deps: FindDueDeps,
): Promise<FindDueResult> {
	const now = deps.now();
	const trigger = parseRunTrigger(triggerInput, now);
	const catchUpMs = deps.catchUpMs;
	if (catchUpMs !== undefined && (catchUpMs <= 0 || catchUpMs > MAX_CATCH_UP_MS)) {
		throw new SocialConfigError('catch-up window', 'must be more than 0 and at most 7 days');
	}
	if (trigger.kind === 'changed') return { trigger, posts: [], problems: [] };

	const [business, promotions] = await Promise.all([
		deps.content.businessInfo(),
		deps.content.livePromotions(),
	]);
	// Only the schedule uses them: a typo there must not stop a promotion's on-publish post.
	const defaultSlots =
		trigger.kind === 'schedule' ? defaultSlotsOf(business.defaultPostingSlots) : [];
	const { due, problems } = duePromotions({
		promotions,
		timeZone: business.timeZone,
		trigger,
		now,
		defaultSlots,
		...(catchUpMs === undefined ? {} : { catchUpMs }),
	});
	const claims = await existingClaims(
		deps.db,
		due.map((entry) => ({
			promotionId: entry.promotion.id,
			slot: entry.slot,
			platforms: entry.promotion.platforms,
		})),
	);
	const posts: DuePost[] = [];
	for (const [index, entry] of due.entries()) {
		const claimed = claims[index] ?? [];
		const taken = new Set(claimed.map((claim) => claim.platform));
		const platforms = [...new Set(entry.promotion.platforms)].filter((p) => !taken.has(p));
		if (platforms.length === 0) continue;
		posts.push({
			trigger: trigger.kind,
			reason: entry.reason,
			slot: entry.slot.toISOString(),
			slotLocal: formatInZone(entry.slot.getTime(), business.timeZone),
			slotLabel: entry.slotLabel,
			promotion: entry.promotion,
			business: {
				name: business.name,
				timeZone: business.timeZone,
				toneOfVoice: business.toneOfVoice,
			},
			platforms,
			alreadyClaimed: claimed,
		});
	}
	return { trigger, posts, problems };
}
