// Why a triage fell back to the keyword rules, read from an SDK error or from Claude's answer.
import {
	type AnthropicError,
	APIConnectionError,
	APIConnectionTimeoutError,
	APIError,
} from '@anthropic-ai/sdk';

export const FALLBACK_REASONS = [
	'refusal',
	'max_tokens',
	'invalid_output',
	'timeout',
	'rate_limited',
	'overloaded',
	'server_error',
	'connection_error',
	'configuration_error',
	'api_error',
	'content_unavailable',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export interface FallbackInfo {
	reason: FallbackReason;
	/** HTTP status of the API's answer; null when there was none (timeout, refused connection). */
	status: number | null;
	/** The API's `error.type` (e.g. "authentication_error"), or null. */
	errorType: string | null;
	requestId: string | null;
	/** For operators: what went wrong, without the customer's words. */
	message: string;
}

/**
 * 400, 401, 402, 403, 404, 413 and 422 are not passing trouble but a setup the operator must fix
 * (key, model id, spend limit, request shape). We still fall back rather than throw, so the
 * customer reaches a human; the reason and status travel in the result, and `triage` logs them at
 * error level, so the operator sees them.
 */
const CONFIGURATION_STATUSES = new Set([400, 401, 402, 403, 404, 413, 422]);

function reasonForStatus(status: number): FallbackReason {
	if (status === 429) return 'rate_limited';
	if (status === 529) return 'overloaded';
	if (status === 408 || status === 504) return 'timeout';
	if (status >= 500) return 'server_error';
	if (CONFIGURATION_STATUSES.has(status)) return 'configuration_error';
	return 'api_error';
}

/** Classifies an error the SDK threw (after its own retries). */
export function fallbackForError(error: AnthropicError): FallbackInfo {
	if (error instanceof APIConnectionTimeoutError) {
		return {
			reason: 'timeout',
			status: null,
			errorType: null,
			requestId: null,
			message: error.message,
		};
	}
	if (error instanceof APIConnectionError) {
		return {
			reason: 'connection_error',
			status: null,
			errorType: null,
			requestId: null,
			message: error.message,
		};
	}
	if (error instanceof APIError && typeof error.status === 'number') {
		return {
			reason: reasonForStatus(error.status),
			status: error.status,
			errorType: error.type ?? null,
			requestId: error.requestID ?? null,
			message: error.message,
		};
	}
	// Thrown before anything was sent, e.g. "Streaming is required …" for a too large max_tokens.
	return {
		reason: 'configuration_error',
		status: null,
		errorType: null,
		requestId: null,
		message: error.message,
	};
}

/**
 * Directus was down, so the FAQ, promotions or plans could not be read live: Claude is not asked,
 * as it may only ground a reply in live content.
 */
export function fallbackForContent(degraded: { reason: string; missing: string[] }): FallbackInfo {
	return {
		reason: 'content_unavailable',
		status: null,
		errorType: null,
		requestId: null,
		message: `Directus ${degraded.reason}: ${degraded.missing.join(', ')} not read`,
	};
}

/** A message that arrived but cannot be used. */
export function fallbackForAnswer(
	reason: 'refusal' | 'max_tokens' | 'invalid_output',
	message: string,
): FallbackInfo {
	return { reason, status: 200, errorType: null, requestId: null, message };
}

const explanations: Record<FallbackReason, (info: FallbackInfo) => string> = {
	refusal: () => 'Claude declined to answer this message',
	max_tokens: () => "Claude's answer was cut off at the max_tokens limit",
	invalid_output: () => "Claude's answer did not match the triage schema",
	timeout: () => 'Claude did not answer in time',
	rate_limited: () => 'Claude is rate limited (HTTP 429) after retries',
	overloaded: () => 'Claude is overloaded (HTTP 529) after retries',
	server_error: (info) => `the Claude API failed (HTTP ${info.status ?? '5xx'}) after retries`,
	connection_error: () => 'the Claude API could not be reached',
	configuration_error: (info) =>
		`the Claude API rejected the request${info.status ? ` (HTTP ${info.status}${info.errorType ? ` ${info.errorType}` : ''})` : ''}; an operator must fix the configuration`,
	api_error: (info) => `the Claude API answered HTTP ${info.status ?? '?'}`,
	content_unavailable: () =>
		'Directus could not be read, so Claude was not given the FAQ, promotions and plans',
};

/** The hand-off reason an agent reads. */
export function explainFallback(info: FallbackInfo): string {
	return `Automatic triage unavailable: ${explanations[info.reason](info)}.`;
}
