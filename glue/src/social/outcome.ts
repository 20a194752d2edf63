// What one platform's attempt at one slot came to: the item workflow 02 outputs per platform.
import type { SocialPlatform } from '../captions/platforms.ts';
import { postKey } from './claims.ts';
import type { HandoffEmail } from './handoff.ts';

/** winston's logger fits. Only ids, platforms and codes are logged, never captions. */
export interface SocialLogger {
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

/**
 * - posted: the platform has the post (`postId`).
 * - failed / skipped: nothing was posted (`errorCode`, `errorMessage`); skipped when the promotion
 *   cannot be posted there at all (Instagram without an image).
 * - duplicate: another run holds this slot's key; nothing was done (`existing` says how it went).
 * - handoff: TikTok's slot is claimed and its e-mail (`email`) waits for n8n's Send Email node;
 *   emailed once that node has sent it (`postId` is the e-mail's Message-ID).
 */
export type PostStatus = 'posted' | 'emailed' | 'failed' | 'skipped' | 'duplicate' | 'handoff';

export interface PlatformOutcome {
	promotionId: string;
	promotionTitle: string;
	platform: SocialPlatform;
	/** ISO 8601 instant of the slot. */
	slot: string;
	slotLabel: string;
	key: string;
	status: PostStatus;
	postId: string | null;
	errorCode: string | null;
	errorMessage: string | null;
	caption: string | null;
	/** For a duplicate: the row another run made. */
	existing: { status: string; postId: string | null } | null;
	/** For a TikTok hand-off: the e-mail to send. */
	email: HandoffEmail | null;
	/** Whether the attempt reached Directus's social_post_logs (duplicates are not attempts). */
	logged: boolean;
	/** Why the log or the claim's completion could not be written, if so. */
	recordError: string | null;
}

/** One promotion's slot, as an outcome names it. */
export interface OutcomeSlot {
	promotionId: string;
	promotionTitle: string;
	slot: Date;
	slotLabel: string;
}

/** An outcome with nothing happened yet: the slot's key, and every result field empty. */
export function outcomeBase(
	post: OutcomeSlot,
	platform: SocialPlatform,
	caption: string | null,
): Omit<PlatformOutcome, 'status'> {
	return {
		promotionId: post.promotionId,
		promotionTitle: post.promotionTitle,
		platform,
		slot: post.slot.toISOString(),
		slotLabel: post.slotLabel,
		key: postKey(post.promotionId, platform, post.slot),
		postId: null,
		errorCode: null,
		errorMessage: null,
		caption,
		existing: null,
		email: null,
		logged: false,
		recordError: null,
	};
}
