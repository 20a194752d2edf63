// Turns Chatwoot's answers and network failures into the typed errors, in one place.
import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';
import { ChatwootNotFoundError } from './chatwoot-not-found-error.ts';
import { ChatwootRateLimitedError } from './chatwoot-rate-limited-error.ts';
import { ChatwootUnauthorizedError } from './chatwoot-unauthorized-error.ts';
import { ChatwootValidationError } from './chatwoot-validation-error.ts';

export { ChatwootApiError } from './chatwoot-api-error.ts';
export { ChatwootNotFoundError } from './chatwoot-not-found-error.ts';
export { ChatwootRateLimitedError } from './chatwoot-rate-limited-error.ts';
export { ChatwootResponseError } from './chatwoot-response-error.ts';
export { ChatwootUnauthorizedError } from './chatwoot-unauthorized-error.ts';
export { ChatwootUnreachableError } from './chatwoot-unreachable-error.ts';
export { ChatwootValidationError } from './chatwoot-validation-error.ts';

export interface FailedResponse {
	remoteStatus: number;
	statusText: string;
	method: string;
	path: string;
	body: unknown;
	retryAfterMs: number | null;
}

export function apiErrorFor(response: FailedResponse): ChatwootApiError {
	const fields: ChatwootApiErrorFields = {
		remoteStatus: response.remoteStatus,
		method: response.method,
		path: response.path,
		body: response.body,
		retryAfterMs: response.retryAfterMs,
		...chatwootMessage(response),
	};
	if (response.remoteStatus === 401) return new ChatwootUnauthorizedError(fields);
	if (response.remoteStatus === 404) return new ChatwootNotFoundError(fields);
	if (response.remoteStatus === 422) return new ChatwootValidationError(fields);
	if (response.remoteStatus === 429) return new ChatwootRateLimitedError(fields);
	return new ChatwootApiError(fields);
}

/** Chatwoot's bodies come as {error}, {message, attributes}, {errors: […]} or plain text. */
function chatwootMessage(response: FailedResponse): {
	chatwootMessage: string;
	attributes: string[];
} {
	const body = response.body;
	if (typeof body === 'object' && body !== null) {
		const record = body as Record<string, unknown>;
		const attributes = Array.isArray(record.attributes) ? record.attributes.map(String) : [];
		if (typeof record.error === 'string') return { chatwootMessage: record.error, attributes };
		if (typeof record.message === 'string') return { chatwootMessage: record.message, attributes };
		if (Array.isArray(record.errors)) {
			return { chatwootMessage: record.errors.map(String).join('; '), attributes };
		}
	}
	if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) {
		return { chatwootMessage: body.trim().slice(0, 300), attributes: [] };
	}
	return {
		chatwootMessage: response.statusText || `HTTP ${response.remoteStatus}`,
		attributes: [],
	};
}
