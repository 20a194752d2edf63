import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 429 from rack-attack, still there after the client's retries. */
export class ChatwootRateLimitedError extends ChatwootApiError {
	override readonly code = 'CHATWOOT_RATE_LIMITED';
	/** From Retry-After, when Chatwoot sent one. */
	readonly retryAfterMs: number | null;

	constructor(fields: ChatwootApiErrorFields & { retryAfterMs: number | null }) {
		super(fields);
		this.name = 'ChatwootRateLimitedError';
		this.retryAfterMs = fields.retryAfterMs;
	}
}
