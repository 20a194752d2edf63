import { z } from 'zod/v4';
import { assertCaption } from './caption.ts';
import {
	igCarouselItems,
	igCreateFailed,
	igExpired,
	igMediaNotFound,
	igNotReady,
	igPublishLimit,
	igUnknownMediaType,
	invalidParameter,
} from './error-catalog.ts';
import { formBoolean, formList } from './form-values.ts';
import { type GraphParams, type GraphReply, pickFields, requestedFields } from './graph-http.ts';
import { containerStatus, type IgContainer, type IgMedia } from './publishing-store.ts';
import type { MetaSimState } from './state.ts';
import { graphValidationError } from './zod-errors.ts';

const MEDIA_TYPES = ['IMAGE', 'VIDEO', 'REELS', 'STORIES', 'CAROUSEL'] as const;
// The reference: JPEG only. Only a URL that names another image format fails, since CDN URLs often
// carry no extension at all.
const NOT_JPEG = /\.(png|gif|webp|heic|heif|bmp|tiff?)$/i;

const containerSchema = z.object({
	image_url: z.url().optional(),
	video_url: z.url().optional(),
	media_type: z.string().optional(),
	caption: z.string().optional(),
	is_carousel_item: formBoolean.optional(),
	children: formList.optional(),
});

/** POST /{ig-user-id}/media → `{ id }` of a container that processes for a while (or fails). */
export function createContainer(
	state: MetaSimState,
	igUserId: string,
	params: GraphParams,
): GraphReply {
	const parsed = containerSchema.safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const input = parsed.data;
	const mediaType = (input.media_type ?? (input.video_url ? 'VIDEO' : 'IMAGE')).toUpperCase();
	if (!(MEDIA_TYPES as readonly string[]).includes(mediaType)) throw igUnknownMediaType();
	assertCaption(input.caption);
	const needs = (field: 'image_url' | 'video_url') => {
		if (!input[field]) throw invalidParameter(`The parameter ${field} is required.`);
	};
	if (mediaType === 'IMAGE') needs('image_url');
	if (mediaType === 'VIDEO' || mediaType === 'REELS') needs('video_url');
	if (mediaType === 'STORIES' && !input.image_url) needs('video_url');
	const children =
		mediaType === 'CAROUSEL' ? carouselChildren(state, igUserId, input.children ?? []) : [];

	const now = state.clock.now();
	const { imageProcessingMs, videoProcessingMs } = state.config.publishing;
	const container: IgContainer = {
		id: state.ids.numeric('179'),
		igUserId,
		mediaType,
		imageUrl: input.image_url,
		videoUrl: input.video_url,
		caption: input.caption,
		isCarouselItem: input.is_carousel_item ?? false,
		children,
		createdAt: now,
		readyAt:
			now +
			(input.video_url ? videoProcessingMs : mediaType === 'CAROUSEL' ? 0 : imageProcessingMs),
		error: notJpeg(input.image_url)
			? 'Error: Media upload has failed with error code 2207005: unsupported image format, use JPEG'
			: undefined,
	};
	state.publishing.containers.set(container.id, container);
	return { status: 200, body: { id: container.id } };
}

function notJpeg(url: string | undefined): boolean {
	return url !== undefined && NOT_JPEG.test(new URL(url).pathname);
}

// The IG Media node's media_type: reels are VIDEO (media_product_type tells them apart).
function publishedMediaType(container: IgContainer): string {
	if (container.mediaType === 'CAROUSEL') return 'CAROUSEL_ALBUM';
	return container.videoUrl ? 'VIDEO' : 'IMAGE';
}

function carouselChildren(state: MetaSimState, igUserId: string, ids: string[]): string[] {
	if (ids.length < 2 || ids.length > 10) throw igCarouselItems();
	for (const id of ids) {
		const child = state.publishing.containers.get(id);
		if (!child || child.igUserId !== igUserId || !child.isCarouselItem) throw igCarouselItems();
	}
	return ids;
}

const STATUS_TEXT = {
	IN_PROGRESS: 'In Progress: Media is still being processed.',
	FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
	EXPIRED: 'Expired: Media was not published within 24 hours of creation.',
	PUBLISHED: 'Published: Media has been published.',
} as const;

/** GET /{container-id}?fields=status_code,status → IN_PROGRESS, FINISHED, ERROR, EXPIRED or PUBLISHED. */
export function readContainer(
	state: MetaSimState,
	container: IgContainer,
	params: GraphParams,
): GraphReply {
	const statusCode = containerStatus(
		container,
		state.clock.now(),
		state.config.publishing.containerTtlMs,
	);
	const status = statusCode === 'ERROR' ? container.error : STATUS_TEXT[statusCode];
	const node = {
		id: container.id,
		status_code: statusCode,
		status,
		media_type: container.mediaType,
	};
	return { status: 200, body: pickFields(node, requestedFields(params, ['id'])) };
}

/** POST /{ig-user-id}/media_publish `{ creation_id }` → `{ id }` of the published media. */
export function publishContainer(
	state: MetaSimState,
	igUserId: string,
	params: GraphParams,
): GraphReply {
	const parsed = z.object({ creation_id: z.string().min(1) }).safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const container = state.publishing.containers.get(parsed.data.creation_id);
	if (!container || container.igUserId !== igUserId) throw igMediaNotFound(parsed.data.creation_id);
	if (container.isCarouselItem)
		throw invalidParameter('Carousel items cannot be published on their own.');

	const now = state.clock.now();
	const { quotaTotal, quotaDurationSeconds, containerTtlMs } = state.config.publishing;
	const windowMs = quotaDurationSeconds * 1000;
	if (state.publishing.publishes.count(igUserId, now, windowMs) >= quotaTotal)
		throw igPublishLimit();
	const status = containerStatus(container, now, containerTtlMs);
	if (status === 'EXPIRED') throw igExpired();
	if (status === 'ERROR') throw igCreateFailed();
	// Also for an already published container: a retried media_publish does not post twice.
	if (status !== 'FINISHED') throw igNotReady();

	const media: IgMedia = {
		id: state.ids.numeric('179'),
		igUserId,
		containerId: container.id,
		mediaType: publishedMediaType(container),
		mediaUrl: container.imageUrl ?? container.videoUrl,
		caption: container.caption,
		publishedAt: now,
	};
	container.publishedMediaId = media.id;
	state.publishing.media.set(media.id, media);
	state.publishing.publishes.tryHit(igUserId, now, Number.POSITIVE_INFINITY, windowMs);
	return { status: 200, body: { id: media.id } };
}

/** GET /{ig-user-id}/content_publishing_limit → `{ data: [{ quota_usage, config }] }`. */
export function publishingLimit(
	state: MetaSimState,
	igUserId: string,
	params: GraphParams,
): GraphReply {
	const { quotaTotal, quotaDurationSeconds } = state.config.publishing;
	const usage = state.publishing.publishes.count(
		igUserId,
		state.clock.now(),
		quotaDurationSeconds * 1000,
	);
	const fields = requestedFields(params, ['quota_usage']);
	const row: Record<string, unknown> = {};
	if (fields.includes('quota_usage')) row.quota_usage = usage;
	if (fields.includes('config'))
		row.config = { quota_total: quotaTotal, quota_duration: quotaDurationSeconds };
	return { status: 200, body: { data: [row] } };
}
