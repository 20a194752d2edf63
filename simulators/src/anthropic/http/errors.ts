import type { Response } from 'express';

// The error types of the real API (reference/anthropic.md §5.2); the SDK picks its error class from the status.
export type ErrorType =
	| 'invalid_request_error'
	| 'authentication_error'
	| 'billing_error'
	| 'permission_error'
	| 'not_found_error'
	| 'conflict_error'
	| 'request_too_large'
	| 'rate_limit_error'
	| 'api_error'
	| 'timeout_error'
	| 'overloaded_error';

const typeByStatus: ReadonlyMap<number, ErrorType> = new Map([
	[400, 'invalid_request_error'],
	[401, 'authentication_error'],
	[402, 'billing_error'],
	[403, 'permission_error'],
	[404, 'not_found_error'],
	[409, 'conflict_error'],
	[413, 'request_too_large'],
	[429, 'rate_limit_error'],
	[500, 'api_error'],
	[504, 'timeout_error'],
	[529, 'overloaded_error'],
]);

const defaultMessages: Record<ErrorType, string> = {
	invalid_request_error: 'Invalid request',
	authentication_error: 'invalid x-api-key',
	billing_error: 'Your credit balance is too low to access the Anthropic API.',
	permission_error: 'Your API key does not have permission to use the specified resource.',
	not_found_error: 'Not found',
	conflict_error: 'Conflict',
	request_too_large: 'Request exceeds the maximum allowed number of bytes.',
	rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
	api_error: 'Internal server error',
	timeout_error: 'Request timed out',
	overloaded_error: 'Overloaded',
};

export function errorTypeFor(status: number): ErrorType {
	return typeByStatus.get(status) ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function defaultErrorMessage(type: string): string {
	return type in defaultMessages ? defaultMessages[type as ErrorType] : 'Error';
}

/** 429 and 529 come with retry-after (seconds) on the real API; the SDK waits that long. */
export function retryAfterFor(status: number): Record<string, string> {
	return status === 429 || status === 529 ? { 'retry-after': '1' } : {};
}

/** An answer in the real API's error shape; handlers throw or return it, `sendError` writes it. */
export class ApiError extends Error {
	readonly status: number;
	readonly type: string;
	readonly headers: Record<string, string>;

	constructor(
		status: number,
		message?: string,
		extra: { type?: string; headers?: Record<string, string> } = {},
	) {
		const type = extra.type ?? errorTypeFor(status);
		super(message ?? defaultErrorMessage(type));
		this.status = status;
		this.type = type;
		this.headers = extra.headers ?? {};
	}
}

export interface ErrorBody {
	type: 'error';
	error: { type: string; message: string };
	request_id: string;
}

export function errorBody(type: string, message: string, requestId: string): ErrorBody {
	return { type: 'error', error: { type, message }, request_id: requestId };
}

/** The request id set by `requestContext`; errors repeat it in the body as the real API does. */
export function requestIdOf(res: Response): string {
	const id = res.getHeader('request-id');
	return typeof id === 'string' ? id : '';
}

export function sendError(res: Response, err: ApiError): void {
	res
		.status(err.status)
		.set(err.headers)
		.json(errorBody(err.type, err.message, requestIdOf(res)));
}
