import { photoCreatedSchema, createdSchema } from './schemas-publishing.ts';
import type { GraphTransport } from './transport.ts';

interface Scheduling {
	/**
	 * Publish later instead of now; Meta takes 10 minutes to 30 days ahead and answers #100
	 * otherwise (reference/meta.md §5.1).
	 */
	scheduledAt?: Date;
}

export interface FeedPostInput extends Scheduling {
	message?: string;
	link?: string;
}

export interface PhotoPostInput extends Scheduling {
	/** A public image URL; Meta fetches it. */
	url: string;
	caption?: string;
}

export interface PhotoPost {
	/** `{page-id}_{post-id}`; null only when Meta returns no post (never seen for these calls). */
	postId: string | null;
	photoId: string;
}

export interface PagesResource {
	/** POST /{page-id}/feed → the post id. */
	createFeedPost(pageId: string, input: FeedPostInput): Promise<{ postId: string }>;
	/** POST /{page-id}/photos by URL → the post and photo ids. */
	createPhotoPost(pageId: string, input: PhotoPostInput): Promise<PhotoPost>;
}

function scheduling(input: Scheduling): Record<string, unknown> {
	if (!input.scheduledAt) return {};
	return {
		published: false,
		scheduled_publish_time: Math.floor(input.scheduledAt.getTime() / 1000),
	};
}

export function pagesResource(transport: GraphTransport): PagesResource {
	return {
		async createFeedPost(pageId, input) {
			const created = await transport.request(createdSchema, {
				method: 'POST',
				path: `/${encodeURIComponent(pageId)}/feed`,
				body: { message: input.message, link: input.link, ...scheduling(input) },
			});
			return { postId: created.id };
		},
		async createPhotoPost(pageId, input) {
			const created = await transport.request(photoCreatedSchema, {
				method: 'POST',
				path: `/${encodeURIComponent(pageId)}/photos`,
				body: { url: input.url, caption: input.caption, ...scheduling(input) },
			});
			return { postId: created.post_id ?? null, photoId: created.id };
		},
	};
}
