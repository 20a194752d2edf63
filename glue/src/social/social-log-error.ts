import { SocialError } from './social-error.ts';

/**
 * Directus did not take an attempt's entry in social_post_logs. The attempt itself stands (it is in
 * sb_social_posts); only marketing's view of it is missing.
 */
export class SocialLogError extends SocialError {
	override readonly code = 'SOCIAL_LOG_FAILED';
	override readonly httpStatus = 502;

	constructor(detail: string, options?: { cause?: unknown }) {
		super(`social: could not write the attempt to Directus social_post_logs: ${detail}`, options);
		this.name = 'SocialLogError';
	}
}
