import type { FaultInput } from '../common/faults.ts';
import { defaultErrorMessage, errorBody, errorTypeFor, retryAfterFor } from './http/errors.ts';
import { newId } from './state/ids.ts';

/**
 * A fault for POST /__sim/faults that answers like the real API: its error body and a request-id
 * (the shared core answers faults before the simulator sees the request, so they are built here).
 * 429 and 529 get `retry-after` unless `headers` says otherwise.
 */
export function anthropicFault(
	status: number,
	options: {
		message?: string;
		path?: string;
		times?: number;
		headers?: Record<string, string>;
	} = {},
): FaultInput {
	const type = errorTypeFor(status);
	const requestId = newId.request();
	return {
		method: 'POST',
		path: options.path ?? '/v1/messages',
		status,
		body: errorBody(type, options.message ?? defaultErrorMessage(type), requestId),
		headers: { 'request-id': requestId, ...retryAfterFor(status), ...options.headers },
		times: options.times,
	};
}
