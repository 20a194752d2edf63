// Turns Chatwoot's answers and network failures into the typed errors, in one place.
import { hostOf, unreachableReason } from '../common/unreachable.ts';
import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';
import { ChatwootNotFoundError } from './chatwoot-not-found-error.ts';
import { ChatwootRateLimitedError } from './chatwoot-rate-limited-error.ts';
import { ChatwootUnauthorizedError } from './chatwoot-unauthorized-error.ts';
import { ChatwootUnreachableError, type UnreachableReason } from './chatwoot-unreachable-error.ts';
import { ChatwootValidationError } from './chatwoot-validation-error.ts';

export { ChatwootApiError } from './chatwoot-api-error.ts';
export { ChatwootNotFoundError } from './chatwoot-not-found-error.ts';
export { ChatwootRateLimitedError } from './chatwoot-rate-limited-error.ts';
export { ChatwootResponseError } from './chatwoot-response-error.ts';
export { ChatwootUnauthorizedError } from './chatwoot-unauthorized-error.ts';
export { ChatwootUnreachableError, type UnreachableReason } from './chatwoot-unreachable-error.ts';
export { ChatwootValidationError } from './chatwoot-validation-error.ts';

export interface FailedResponse {
	status: number;
	statusText: string;
	method: string;
	path: string;
	body: unknown;
	retryAfterMs: number | null;
}

export function apiErrorFor(response: FailedResponse): ChatwootApiError {
	const fields: ChatwootApiErrorFields = {
		status: response.status,
		method: response.method,
		path: response.path,
		body: response.body,
		...chatwootMessage(response),
	};
	if (response.status === 401) return new ChatwootUnauthorizedError(fields);
	if (response.status === 404) return new ChatwootNotFoundError(fields);
	if (response.status === 422) return new ChatwootValidationError(fields);
	if (response.status === 429) {
		return new ChatwootRateLimitedError({ ...fields, retryAfterMs: response.retryAfterMs });
	}
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
	return { chatwootMessage: response.statusText || `HTTP ${response.status}`, attributes: [] };
}

interface RequestDescription {
	baseUrl: string;
	method: string;
	path: string;
	timeoutMs: number;
}

/** Refused, unknown host, timeout, reset: a sentence for the message and what to check. */
export function unreachableErrorFor(
	error: unknown,
	request: RequestDescription,
): ChatwootUnreachableError {
	const host = hostOf(request.baseUrl);
	const explain: Record<UnreachableReason, [string, string]> = {
		refused: [
			`Chatwoot refused the connection at ${request.baseUrl}`,
			'Check that Chatwoot is running and that the base URL has the right port.',
		],
		host_not_found: [
			`Chatwoot's host "${host}" was not found`,
			'Check the host name in the base URL and the DNS or Docker network it resolves on.',
		],
		timeout: [
			`Chatwoot did not answer within ${request.timeoutMs} ms`,
			'Chatwoot or the proxy in front of it is overloaded or hanging; try again or raise the timeout.',
		],
		connection_reset: [
			'Chatwoot closed the connection before answering',
			'A proxy or Chatwoot restarted mid-request; the request may or may not have been applied.',
		],
		network: [
			`Could not reach Chatwoot at ${request.baseUrl}`,
			'A network error happened before Chatwoot answered; see the cause.',
		],
	};
	const reason = unreachableReason(error);
	const [sentence, description] = explain[reason];
	return new ChatwootUnreachableError(`${sentence} (${request.method} ${request.path}).`, {
		reason,
		baseUrl: request.baseUrl,
		method: request.method,
		path: request.path,
		description,
		cause: error,
	});
}
