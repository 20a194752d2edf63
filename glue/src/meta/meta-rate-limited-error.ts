import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';

/** Whose limit was hit (reference/meta.md §6.3, §3.6). */
export type RateLimitScope =
	| 'app'
	| 'user'
	| 'page'
	| 'custom'
	| 'business_use_case'
	| 'whatsapp_throughput'
	| 'whatsapp_pair';

export interface MetaRateLimitedFields extends MetaApiErrorFields {
	scope: RateLimitScope;
	/** From Retry-After or estimated_time_to_regain_access; null when Meta did not say. */
	retryAfterMs: number | null;
}

/**
 * #4, #17, #32, #613, #80000–80014 (and WhatsApp's own, below), still there after the retries.
 * Meta did not act on a throttled call, so it is always safe to repeat.
 */
export class MetaRateLimitedError extends MetaApiError {
	override readonly code: string = 'META_RATE_LIMITED';
	override readonly retryable = true;
	readonly scope: RateLimitScope;
	readonly retryAfterMs: number | null;

	constructor(fields: MetaRateLimitedFields) {
		super(fields);
		this.name = 'MetaRateLimitedError';
		this.scope = fields.scope;
		this.retryAfterMs = fields.retryAfterMs;
	}
}
