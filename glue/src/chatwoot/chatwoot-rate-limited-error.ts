import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 429 from rack-attack, still there after the client's retries; `retryAfterMs` says how long. */
export class ChatwootRateLimitedError extends ChatwootApiError {
	constructor(fields: ChatwootApiErrorFields) {
		super(fields, 'CHATWOOT_RATE_LIMITED');
		this.name = 'ChatwootRateLimitedError';
	}
}
