// Graph's answers to the publishing calls (reference/meta.md §5.1, §5.2).
import { z } from 'zod/v4';

const graphId = z.string().min(1);

/** POST /{page-id}/feed, POST /{ig-user-id}/media and /media_publish. */
export const createdSchema = z.looseObject({ id: graphId });

/** POST /{page-id}/photos: the photo and, for a published or scheduled one, its post. */
export const photoCreatedSchema = z.looseObject({ id: graphId, post_id: graphId.optional() });

export const CONTAINER_STATUSES = [
	'IN_PROGRESS',
	'FINISHED',
	'PUBLISHED',
	'ERROR',
	'EXPIRED',
] as const;
export type ContainerStatusCode = (typeof CONTAINER_STATUSES)[number];

/** GET /{container-id}?fields=status_code,status */
export const containerStatusSchema = z.looseObject({
	id: graphId,
	status_code: z.enum(CONTAINER_STATUSES),
	status: z.string().optional(),
});

/** GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config */
export const publishingLimitSchema = z.looseObject({
	data: z
		.array(
			z.looseObject({
				quota_usage: z.number().int().min(0),
				config: z
					.looseObject({ quota_total: z.number().int().min(0), quota_duration: z.number().int() })
					.optional(),
			}),
		)
		.min(1),
});
