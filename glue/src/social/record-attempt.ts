// The end of every attempt: the claim in sb_social_posts completed with the platform's answer, and
// the attempt written to Directus's social_post_logs for marketing.
import { LogStoreNotFoundError } from '../log-store/errors.ts';
import { completeSocialPost, type Queryable } from '../log-store/repository.ts';
import type { PlatformOutcome, SocialLogger } from './outcome.ts';
import type { PostLog, PostLogStatus } from './post-log.ts';

export interface RecordDeps {
	db: Queryable;
	postLog: PostLog;
	/** Milliseconds since the epoch; Date.now in production. */
	now?: () => number;
	logger?: SocialLogger;
}

/** Completes the claim and writes the attempt to Directus; each failure is kept, never thrown. */
export async function recordAttempt(
	outcome: PlatformOutcome,
	logStatus: PostLogStatus,
	deps: RecordDeps,
): Promise<PlatformOutcome> {
	const problems: string[] = [];
	try {
		await completeSocialPost(
			deps.db,
			outcome.status === 'posted' || outcome.status === 'emailed'
				? { key: outcome.key, status: 'posted', postId: outcome.postId ?? 'posted' }
				: {
						key: outcome.key,
						status: 'failed',
						errorCode: outcome.errorCode,
						errorMessage: outcome.errorMessage ?? 'failed',
					},
		);
	} catch (error) {
		// Nothing pending under the key: this attempt was recorded already (a retried n8n node), so
		// it is not logged a second time.
		if (error instanceof LogStoreNotFoundError) {
			return { ...outcome, logged: false, recordError: 'already recorded' };
		}
		// The row stays pending: no later run posts this slot again, which is the safe side.
		problems.push(`sb_social_posts: ${error instanceof Error ? error.message : String(error)}`);
	}
	let logged = false;
	try {
		await deps.postLog.write({
			promotionId: outcome.promotionId,
			platform: outcome.platform,
			slot: new Date(outcome.slot),
			status: logStatus,
			postId: outcome.postId,
			errorCode: outcome.errorCode,
			errorMessage: outcome.errorMessage,
			caption: outcome.caption,
			at: new Date((deps.now ?? Date.now)()),
		});
		logged = true;
	} catch (error) {
		problems.push(error instanceof Error ? error.message : String(error));
	}
	const recordError = problems.length ? problems.join('; ') : null;
	if (recordError) {
		deps.logger?.warn('social: an attempt was not fully recorded', {
			key: outcome.key,
			status: outcome.status,
			recordError,
		});
	}
	return { ...outcome, logged, recordError };
}
