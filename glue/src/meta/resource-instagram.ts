import { assertInstagramCaption } from './caption-limits.ts';
import {
	InstagramContainerError,
	type FailedContainerStatus,
} from './instagram-container-error.ts';
import { InstagramContainerTimeoutError } from './instagram-container-timeout-error.ts';
import { InstagramPublishLimitError } from './instagram-publish-limit-error.ts';
import { MetaApiError } from './meta-api-error.ts';
import {
	containerStatusSchema,
	createdSchema,
	publishingLimitSchema,
	type ContainerStatusCode,
} from './schemas-publishing.ts';
import type { GraphTransport } from './transport.ts';

// Meta: "query a container's status once per minute, for no more than 5 minutes" (§5.2).
export const CONTAINER_POLL_INTERVAL_MS = 60_000;
export const CONTAINER_MAX_WAIT_MS = 5 * 60_000;
// The reference pages say 50 posts a day (the guide says 100): when Meta omits config, assume 50.
const DEFAULT_QUOTA_TOTAL = 50;

export interface ImageContainerInput {
	/** A public JPEG URL; Meta fetches it. */
	imageUrl: string;
	caption?: string;
	altText?: string;
}

export interface ContainerStatus {
	statusCode: ContainerStatusCode;
	/** Meta's explanation, e.g. the error text of an ERROR container. */
	statusText: string | null;
}

export interface PublishingLimit {
	quotaUsage: number;
	quotaTotal: number;
	/** The quota's window in seconds (86,400). */
	quotaDurationSeconds: number;
}

export interface PollOptions {
	pollIntervalMs?: number;
	maxWaitMs?: number;
}

export interface InstagramResource {
	/** POST /{ig-user-id}/media with an image; the caption is checked against the limits first. */
	createImageContainer(
		igUserId: string,
		input: ImageContainerInput,
	): Promise<{ containerId: string }>;
	/** GET /{container-id}?fields=status_code,status */
	containerStatus(containerId: string): Promise<ContainerStatus>;
	/**
	 * Polls until FINISHED (first poll at once). ERROR, EXPIRED or PUBLISHED throw
	 * InstagramContainerError; still processing after maxWaitMs, InstagramContainerTimeoutError.
	 */
	waitForContainer(containerId: string, options?: PollOptions): Promise<void>;
	/** POST /{ig-user-id}/media_publish → the media id; #9/2207042 → InstagramPublishLimitError. */
	publishContainer(igUserId: string, containerId: string): Promise<{ mediaId: string }>;
	/** GET /{ig-user-id}/content_publishing_limit: posts published in the last 24 hours. */
	publishingLimit(igUserId: string): Promise<PublishingLimit>;
}

const FAILED: readonly string[] = [
	'ERROR',
	'EXPIRED',
	'PUBLISHED',
] satisfies FailedContainerStatus[];

function isFailed(code: ContainerStatusCode): code is FailedContainerStatus {
	return FAILED.includes(code);
}

export function instagramResource(transport: GraphTransport): InstagramResource {
	const containerStatus = async (containerId: string): Promise<ContainerStatus> => {
		const status = await transport.request(containerStatusSchema, {
			method: 'GET',
			path: `/${encodeURIComponent(containerId)}`,
			query: { fields: 'status_code,status' },
		});
		return { statusCode: status.status_code, statusText: status.status ?? null };
	};

	return {
		async createImageContainer(igUserId, input) {
			if (input.caption !== undefined) assertInstagramCaption(input.caption);
			const created = await transport.request(createdSchema, {
				method: 'POST',
				path: `/${encodeURIComponent(igUserId)}/media`,
				body: { image_url: input.imageUrl, caption: input.caption, alt_text: input.altText },
			});
			return { containerId: created.id };
		},

		containerStatus,

		async waitForContainer(containerId, options = {}) {
			const interval = options.pollIntervalMs ?? CONTAINER_POLL_INTERVAL_MS;
			const maxWait = options.maxWaitMs ?? CONTAINER_MAX_WAIT_MS;
			const startedAt = transport.now();
			for (let polls = 1; ; polls += 1) {
				const { statusCode, statusText } = await containerStatus(containerId);
				if (statusCode === 'FINISHED') return;
				if (isFailed(statusCode)) {
					throw new InstagramContainerError({ containerId, statusCode, statusText });
				}
				const waited = transport.now() - startedAt;
				if (waited >= maxWait) {
					throw new InstagramContainerTimeoutError({
						containerId,
						lastStatus: statusCode,
						waitedMs: waited,
						polls,
					});
				}
				// The last wait is cut short so that the final poll lands on the deadline.
				await transport.sleep(Math.min(interval, maxWait - waited));
			}
		},

		async publishContainer(igUserId, containerId) {
			try {
				const published = await transport.request(createdSchema, {
					method: 'POST',
					path: `/${encodeURIComponent(igUserId)}/media_publish`,
					body: { creation_id: containerId },
				});
				return { mediaId: published.id };
			} catch (error) {
				if (
					error instanceof MetaApiError &&
					error.graph.code === 9 &&
					error.graph.error_subcode === 2207042
				) {
					throw new InstagramPublishLimitError({
						igUserId,
						quotaUsage: null,
						quotaTotal: null,
						graph: error.graph,
					});
				}
				throw error;
			}
		},

		async publishingLimit(igUserId) {
			const limit = await transport.request(publishingLimitSchema, {
				method: 'GET',
				path: `/${encodeURIComponent(igUserId)}/content_publishing_limit`,
				query: { fields: 'quota_usage,config' },
			});
			const [row] = limit.data;
			return {
				quotaUsage: row?.quota_usage ?? 0,
				quotaTotal: row?.config?.quota_total ?? DEFAULT_QUOTA_TOTAL,
				quotaDurationSeconds: row?.config?.quota_duration ?? 86_400,
			};
		},
	};
}
