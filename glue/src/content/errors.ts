// Turns @directus/sdk failures (RequestError, or fetch's own errors) into the typed content errors.
import { errorCode, isAbortTimeout } from '../common/unreachable.ts';
import { ContentApiError, type ContentApiErrorFields } from './content-api-error.ts';
import { ContentForbiddenError } from './content-forbidden-error.ts';
import { ContentUnauthorizedError } from './content-unauthorized-error.ts';
import { ContentUnreachableError } from './content-unreachable-error.ts';

export { ContentApiError } from './content-api-error.ts';
export { ContentError } from './content-error.ts';
export { ContentForbiddenError } from './content-forbidden-error.ts';
export { ContentInputError } from './content-input-error.ts';
export { ContentNotFoundError } from './content-not-found-error.ts';
export { ContentResponseError, type ContentIssue } from './content-response-error.ts';
export { ContentSetupError } from './content-setup-error.ts';
export { ContentUnauthorizedError } from './content-unauthorized-error.ts';
export { ContentUnreachableError } from './content-unreachable-error.ts';

export interface DirectusRequest {
	baseUrl: string;
	method: string;
	/** e.g. `/items/faq`; taken from the response when it has one. */
	path: string;
	/** The collection the request was about, for the forbidden hint. */
	collection?: string;
	timeoutMs?: number;
}

/** The shape of the SDK's RequestError, read structurally so nothing else needs its class. */
interface SdkRequestError {
	errors: unknown;
	response: Response;
}

function isSdkRequestError(error: unknown): error is SdkRequestError {
	return (
		typeof error === 'object' &&
		error !== null &&
		'errors' in error &&
		'response' in error &&
		error.response instanceof Response
	);
}

/** Any failure of a Directus request, as the typed error callers handle. */
export function directusErrorFor(error: unknown, request: DirectusRequest): Error {
	if (isSdkRequestError(error)) return apiErrorFor(error, request);
	if (isNetworkFailure(error)) return new ContentUnreachableError(error, request);
	return error instanceof Error ? error : new Error(String(error));
}

function apiErrorFor(error: SdkRequestError, request: DirectusRequest): ContentApiError {
	const first = Array.isArray(error.errors) ? (error.errors[0] as unknown) : undefined;
	const record =
		typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
	const extensions = record.extensions as Record<string, unknown> | undefined;
	const directusCode = typeof extensions?.code === 'string' ? extensions.code : null;
	let directusMessage = typeof record.message === 'string' ? record.message : '';
	if (!directusMessage && typeof error.errors === 'string')
		directusMessage = error.errors.slice(0, 300);
	const fields: ContentApiErrorFields = {
		remoteStatus: error.response.status,
		method: request.method,
		path: pathOf(error.response.url) ?? request.path,
		directusCode,
		directusMessage:
			directusMessage || error.response.statusText || `HTTP ${error.response.status}`,
		cause: error,
	};
	if (error.response.status === 401) return new ContentUnauthorizedError(fields);
	if (error.response.status === 403) {
		return new ContentForbiddenError({ ...fields, collection: request.collection ?? null });
	}
	return new ContentApiError(fields);
}

function pathOf(url: string): string | undefined {
	try {
		return url ? new URL(url).pathname : undefined;
	} catch {
		return undefined;
	}
}

// fetch (undici) rejects with a TypeError "fetch failed" whatever went wrong on the way.
function isNetworkFailure(error: unknown): boolean {
	return (
		isAbortTimeout(error) ||
		(error instanceof TypeError &&
			(error.message === 'fetch failed' || errorCode(error) !== undefined))
	);
}
