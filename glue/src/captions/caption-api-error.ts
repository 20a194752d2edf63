import type { FallbackInfo, FallbackReason } from '../triage/index.ts';
import { CaptionError } from './caption-error.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';

export type ApiFailureReason = Exclude<FallbackReason, 'refusal' | 'max_tokens' | 'invalid_output'>;

/**
 * The call to Claude failed after the SDK's own retries: 429, 529, 5xx, timeout, no connection, or
 * a request the API refused (a configuration an operator must fix).
 */
export class CaptionApiError extends CaptionError {
	override readonly code = 'CAPTION_CLAUDE_UNAVAILABLE';
	override readonly httpStatus = 503;
	readonly platform: SocialPlatform;
	readonly reason: ApiFailureReason;
	/** HTTP status of the API's answer; null when there was none (timeout, refused connection). */
	readonly remoteStatus: number | null;
	/** The API's `error.type`, e.g. "overloaded_error". */
	readonly errorType: string | null;
	/** `req_…`, for Anthropic support. */
	readonly requestId: string | null;

	constructor(fields: { platform: SocialPlatform; reason: ApiFailureReason; info: FallbackInfo }) {
		const { info } = fields;
		const http = info.status === null ? '' : `, HTTP ${info.status}`;
		const type = info.errorType ? ` ${info.errorType}` : '';
		super(
			`Claude could not write the ${PLATFORM_NAMES[fields.platform]} caption ` +
				`(${fields.reason}${http}${type}).`,
		);
		this.name = 'CaptionApiError';
		this.platform = fields.platform;
		this.reason = fields.reason;
		this.remoteStatus = info.status;
		this.errorType = info.errorType;
		this.requestId = info.requestId;
	}
}
