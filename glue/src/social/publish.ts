// Posting one promotion's slot, platform by platform. For each platform the slot's key is claimed in
// sb_social_posts BEFORE anything is sent, so a retried or a concurrent run finds it taken and posts
// nothing; the claim is then completed with the platform's answer and the attempt written to
// Directus for marketing. A failure on one platform is recorded and the next platform still posts.
//
// A failed attempt is final for its slot: after a timeout we cannot know whether Meta made the post,
// and posting twice is worse than missing one slot. The next slot tries again.
import type { SocialPlatform } from '../captions/platforms.ts';
import { claimSocialPost, type Queryable } from '../log-store/repository.ts';
import type { SocialPost } from '../log-store/schemas.ts';
import { publishInstagramImage } from '../meta/publish-instagram-image.ts';
import type { InstagramResource, PollOptions } from '../meta/resource-instagram.ts';
import type { PagesResource } from '../meta/resource-pages.ts';
import { describeFailure, type FailureReport } from './failure.ts';
import { handoffAddresses, type HandoffEmail, tiktokHandoffEmail } from './handoff.ts';
import { parsePostJob, type PostJob } from './job.ts';
import { outcomeBase, type PlatformOutcome, type SocialLogger } from './outcome.ts';
import type { PostLog } from './post-log.ts';
import { recordAttempt } from './record-attempt.ts';

/** The Page and Instagram account to post to, and the Graph client's resources to do it with. */
export interface MetaTarget {
	pages: PagesResource;
	instagram: InstagramResource;
	pageId: string;
	/** The Instagram professional account linked to the Page; null when none is configured. */
	igUserId: string | null;
}

export interface PublishDeps {
	db: Queryable;
	meta: MetaTarget;
	postLog: PostLog;
	/** Milliseconds since the epoch; Date.now in production. */
	now?: () => number;
	/** Instagram container polling; Meta's advice (once a minute, five minutes at most) by default. */
	poll?: PollOptions;
	logger?: SocialLogger;
	/** TikTok's e-mail addresses, as n8n's Switchboard log credential holds them. */
	mail?: { marketingEmail?: string | undefined; mailFrom?: string | undefined };
}

type Attempt =
	| { status: 'posted'; postId: string }
	| { status: 'failed' | 'skipped'; failure: FailureReport }
	| { status: 'handoff'; email: HandoffEmail };

const failed = (code: string, message: string): Attempt => ({
	status: 'failed',
	failure: { code, message },
});

async function attempt(
	job: PostJob,
	platform: SocialPlatform,
	deps: PublishDeps,
): Promise<Attempt> {
	const { promotion } = job;
	if (platform === 'instagram' && !promotion.imageUrl) {
		return {
			status: 'skipped',
			failure: {
				code: 'INSTAGRAM_NEEDS_IMAGE',
				message:
					'Instagram posts need an image: add a JPEG to the promotion. Nothing was posted on Instagram.',
			},
		};
	}
	const caption = job.captions[platform];
	if (!caption) {
		return failed('CAPTION_MISSING', `No ${platform} caption was written for this slot.`);
	}
	if (!caption.ok) return failed(caption.code, caption.error);
	const text = caption.text;

	if (platform === 'tiktok') {
		const addresses = handoffAddresses(deps.mail ?? {});
		if ('missing' in addresses) return failed('EMAIL_ADDRESS_MISSING', addresses.missing);
		const timeZone = job.business?.timeZone ?? 'UTC';
		return {
			status: 'handoff',
			email: tiktokHandoffEmail({
				addresses,
				promotion,
				slot: job.slot,
				timeZone,
				caption: text,
				...(job.business?.name ? { businessName: job.business.name } : {}),
			}),
		};
	}
	const { meta } = deps;
	if (platform === 'facebook') {
		if (promotion.imageUrl) {
			const photo = await meta.pages.createPhotoPost(meta.pageId, {
				url: promotion.imageUrl,
				caption: text,
			});
			return { status: 'posted', postId: photo.postId ?? photo.photoId };
		}
		const post = await meta.pages.createFeedPost(meta.pageId, {
			message: text,
			...(promotion.link ? { link: promotion.link } : {}),
		});
		return { status: 'posted', postId: post.postId };
	}
	if (!meta.igUserId) {
		return failed(
			'INSTAGRAM_ACCOUNT_MISSING',
			"The Meta credential names no Instagram account: add the account linked to the Page in n8n's Meta Graph API credential.",
		);
	}
	const published = await publishInstagramImage(
		meta.instagram,
		{ igUserId: meta.igUserId, imageUrl: promotion.imageUrl!, caption: text },
		deps.poll,
	);
	return { status: 'posted', postId: published.mediaId };
}

function captionTextOf(job: PostJob, platform: SocialPlatform): string | null {
	const caption = job.captions[platform];
	return caption?.ok ? caption.text : null;
}

/**
 * One platform of a job: claim, post (or prepare TikTok's e-mail), complete, log. Returns the
 * outcome; throws only when the claim itself cannot be made (the log store is down or the input is
 * bad), because then nothing may be posted.
 */
export async function publishToPlatform(
	job: PostJob,
	platform: SocialPlatform,
	deps: PublishDeps,
): Promise<PlatformOutcome> {
	const caption = captionTextOf(job, platform);
	const base = outcomeBase(
		{
			promotionId: job.promotion.id,
			promotionTitle: job.promotion.title,
			slot: job.slot,
			slotLabel: job.slotLabel,
		},
		platform,
		caption,
	);
	const claim = await claimSocialPost(deps.db, {
		promotionId: job.promotion.id,
		platform,
		slot: job.slot,
		caption,
	});
	if (!claim.owned) {
		deps.logger?.info('social: slot already claimed, nothing posted', {
			key: base.key,
			existing: claim.post.status,
		});
		return { ...base, status: 'duplicate', existing: existingOf(claim.post) };
	}

	let result: Attempt;
	try {
		result = await attempt(job, platform, deps);
	} catch (error) {
		result = { status: 'failed', failure: describeFailure(error) };
	}
	if (result.status === 'handoff') {
		return { ...base, status: 'handoff', email: result.email };
	}
	const outcome: PlatformOutcome =
		result.status === 'posted'
			? { ...base, status: 'posted', postId: result.postId }
			: {
					...base,
					status: result.status,
					errorCode: result.failure.code,
					errorMessage: result.failure.message,
				};
	deps.logger?.info('social: attempt done', {
		key: outcome.key,
		status: outcome.status,
		...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
	});
	return await recordAttempt(outcome, result.status, deps);
}

function existingOf(post: SocialPost): PlatformOutcome['existing'] {
	return { status: post.status, postId: post.postId };
}

/** Every platform of a job, one after the other; one platform's failure never stops the next. */
export async function publishDuePost(
	input: unknown,
	deps: PublishDeps,
): Promise<PlatformOutcome[]> {
	const job = parsePostJob(input);
	const outcomes: PlatformOutcome[] = [];
	for (const platform of job.platforms) {
		outcomes.push(await publishToPlatform(job, platform, deps));
	}
	return outcomes;
}
