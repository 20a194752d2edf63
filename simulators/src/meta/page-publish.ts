import { z } from 'zod/v4';
import type { PageAccount } from './config.ts';
import { feedMissingContent, photoMissingFile, scheduledOnPublished } from './error-catalog.ts';
import { formBoolean } from './form-values.ts';
import type { GraphParams, GraphReply } from './graph-http.ts';
import type { PagePost } from './publishing-store.ts';
import { parseScheduledTime } from './schedule-time.ts';
import type { MetaSimState } from './state.ts';
import { graphValidationError } from './zod-errors.ts';

const scheduling = {
	published: formBoolean.optional(),
	scheduled_publish_time: z.union([z.number(), z.string()]).optional(),
};

const feedSchema = z.object({
	message: z.string().optional(),
	link: z.url().optional(),
	...scheduling,
});

const photoSchema = z.object({
	url: z.url().optional(),
	caption: z.string().optional(),
	message: z.string().optional(),
	...scheduling,
});

interface Scheduling {
	published: boolean;
	scheduledAt?: number;
}

// published defaults to true; a schedule needs published=false (reference §5.1).
function scheduleOf(
	state: MetaSimState,
	input: z.output<typeof feedSchema> | z.output<typeof photoSchema>,
): Scheduling {
	const published = input.published ?? true;
	if (input.scheduled_publish_time === undefined) return { published };
	if (published) throw scheduledOnPublished();
	return {
		published: false,
		scheduledAt: parseScheduledTime(input.scheduled_publish_time, state.clock.now()),
	};
}

/** POST /{page-id}/feed → `{ id: "{page-id}_{post-id}" }`. */
export function createFeedPost(
	state: MetaSimState,
	page: PageAccount,
	params: GraphParams,
): GraphReply {
	const parsed = feedSchema.safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const input = parsed.data;
	if (!input.message && !input.link) throw feedMissingContent();
	const post: PagePost = {
		id: `${page.pageId}_${state.ids.numeric()}`,
		pageId: page.pageId,
		kind: 'status',
		message: input.message,
		link: input.link,
		createdAt: state.clock.now(),
		...scheduleOf(state, input),
	};
	state.publishing.posts.set(post.id, post);
	return { status: 200, body: { id: post.id } };
}

/**
 * POST /{page-id}/photos (by `url`; the simulator takes no multipart upload) → `{ id, post_id }`,
 * or only `{ id }` for an unpublished photo with no schedule (one kept for a multi-photo post).
 */
export function createPhotoPost(
	state: MetaSimState,
	page: PageAccount,
	params: GraphParams,
): GraphReply {
	const parsed = photoSchema.safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const input = parsed.data;
	if (!input.url) throw photoMissingFile();
	const schedule = scheduleOf(state, input);
	const photoId = state.ids.numeric();
	const post: PagePost = {
		id: `${page.pageId}_${state.ids.numeric()}`,
		pageId: page.pageId,
		kind: 'photo',
		message: input.caption ?? input.message,
		photoId,
		imageUrl: input.url,
		createdAt: state.clock.now(),
		...schedule,
	};
	state.publishing.photos.set(photoId, post);
	const bare = !schedule.published && schedule.scheduledAt === undefined;
	if (bare) return { status: 200, body: { id: photoId } };
	state.publishing.posts.set(post.id, post);
	return { status: 200, body: { id: photoId, post_id: post.id } };
}

/** POST /{post-id} with a new message → `{ success: true }`. */
export function updatePost(post: PagePost, params: GraphParams): GraphReply {
	const parsed = z.object({ message: z.string().min(1) }).safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	post.message = parsed.data.message;
	return { status: 200, body: { success: true } };
}

/** DELETE /{post-id} (or the photo) → `{ success: true }`; reading it afterwards fails like any unknown id. */
export function deletePost(state: MetaSimState, post: PagePost): GraphReply {
	state.publishing.posts.delete(post.id);
	if (post.photoId) state.publishing.photos.delete(post.photoId);
	return { status: 200, body: { success: true } };
}
