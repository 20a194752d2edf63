// Every attempt, as marketing sees it: one item in Directus's social_post_logs, written with n8n's
// automation token (its policy may create these and nothing else there, so Directus answers the
// create with 204 and no item).
import { createItem } from '@directus/sdk';
import { connectDirectus, type DirectusConnection } from '../content/directus-client.ts';
import type { SocialPlatform } from '../captions/platforms.ts';
import { SocialLogError } from './social-log-error.ts';

/** The statuses of social_post_logs (directus/schema/snapshot.json). */
export const POST_LOG_STATUSES = ['posted', 'failed', 'emailed', 'skipped'] as const;
export type PostLogStatus = (typeof POST_LOG_STATUSES)[number];

export interface PostLogEntry {
	promotionId: string;
	platform: SocialPlatform;
	slot: Date;
	status: PostLogStatus;
	postId: string | null;
	errorCode: string | null;
	errorMessage: string | null;
	/** The text that was posted, or would have been. */
	caption: string | null;
	/** When the attempt ended. */
	at: Date;
}

/** Where attempts are written; the Directus one in production, an array in unit tests. */
export interface PostLog {
	write(entry: PostLogEntry): Promise<void>;
}

interface PostLogRecord {
	promotion: number | string;
	platform: string;
	slot: string;
	status: string;
	post_id: string | null;
	error_code: string | null;
	error_message: string | null;
	caption: string | null;
	posted_at: string;
}

interface PostLogSchema {
	social_post_logs: PostLogRecord[];
}

/** The snake_case item; a numeric id goes as a number, since `promotion` is an integer relation. */
export function toPostLogRecord(entry: PostLogEntry): PostLogRecord {
	return {
		promotion: /^\d+$/.test(entry.promotionId) ? Number(entry.promotionId) : entry.promotionId,
		platform: entry.platform,
		slot: entry.slot.toISOString(),
		status: entry.status,
		post_id: entry.postId,
		error_code: entry.errorCode,
		error_message: entry.errorMessage,
		caption: entry.caption,
		posted_at: entry.at.toISOString(),
	};
}

/** Writes to social_post_logs; a refusal or silence becomes SocialLogError with Directus's reason. */
export function createDirectusPostLog(connection: DirectusConnection): PostLog {
	const api = connectDirectus<PostLogSchema>(connection);
	return {
		async write(entry) {
			try {
				await api.request(
					createItem('social_post_logs', toPostLogRecord(entry)),
					'social_post_logs',
				);
			} catch (error) {
				const detail = error instanceof Error ? error.message : String(error);
				throw new SocialLogError(detail, { cause: error });
			}
		},
	};
}
