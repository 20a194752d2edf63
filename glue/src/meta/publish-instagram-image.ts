// The whole Instagram image cycle: quota → container → poll → publish (reference/meta.md §5.2).
import { assertInstagramCaption } from './caption-limits.ts';
import { InstagramPublishLimitError } from './instagram-publish-limit-error.ts';
import type {
	ImageContainerInput,
	InstagramResource,
	PollOptions,
	PublishingLimit,
} from './resource-instagram.ts';

export interface PublishInstagramImageInput extends ImageContainerInput {
	igUserId: string;
}

export interface PublishedInstagramImage {
	containerId: string;
	mediaId: string;
	/** The quota as read before publishing (this post not yet counted). */
	quota: PublishingLimit;
}

/**
 * Publishes one image post. The caption is checked and the 24-hour quota read before anything is
 * created, so a full quota costs no container (accounts may create only 400 a day). Throws the
 * typed errors of each step: InstagramCaptionError, InstagramPublishLimitError,
 * InstagramContainerError, InstagramContainerTimeoutError, or the Graph errors.
 */
export async function publishInstagramImage(
	instagram: InstagramResource,
	input: PublishInstagramImageInput,
	options: PollOptions = {},
): Promise<PublishedInstagramImage> {
	if (input.caption !== undefined) assertInstagramCaption(input.caption);
	const quota = await instagram.publishingLimit(input.igUserId);
	if (quota.quotaUsage >= quota.quotaTotal) {
		throw new InstagramPublishLimitError({
			igUserId: input.igUserId,
			quotaUsage: quota.quotaUsage,
			quotaTotal: quota.quotaTotal,
			graph: null,
		});
	}
	const { containerId } = await instagram.createImageContainer(input.igUserId, {
		imageUrl: input.imageUrl,
		caption: input.caption,
		altText: input.altText,
	});
	await instagram.waitForContainer(containerId, options);
	const { mediaId } = await instagram.publishContainer(input.igUserId, containerId);
	return { containerId, mediaId, quota };
}
