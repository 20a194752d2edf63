// The one HTTP seam of the Chatwoot client: auth header, retries, error translation and response
// parsing. Resources pass intent (method, path, body, schema); nothing else touches axios.
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod/v4';
import { CHATWOOT_TOKEN_HEADER, RETRY_AFTER_HEADER } from '../common/headers.ts';
import { parseRetryAfter, withRetry, type RetryPolicy } from '../common/retry.ts';
import { ChatwootApiError } from './chatwoot-api-error.ts';
import { ChatwootResponseError } from './chatwoot-response-error.ts';
import { ChatwootUnreachableError } from './chatwoot-unreachable-error.ts';
import { apiErrorFor } from './errors.ts';

/** Up to 4 attempts, 0.5 s doubling, at most 30 s between two. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

export interface TransportOptions {
	baseUrl: string;
	accessToken: string;
	retry: RetryPolicy;
	timeoutMs: number;
	httpAgent?: HttpAgent;
	httpsAgent?: HttpsAgent;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RequestSpec {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	path: string;
	query?: Record<string, QueryValue>;
	body?: unknown;
	/** False for creates, which must not be repeated after a 500 (it may follow the write). */
	idempotent?: boolean;
}

export interface Transport {
	request<S extends z.ZodType>(schema: S, spec: RequestSpec): Promise<z.output<S>>;
	/** For endpoints that answer an empty 200 (`head :ok`). */
	send(spec: RequestSpec): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
	const http: AxiosInstance = axios.create({
		baseURL: options.baseUrl.replace(/\/+$/, ''),
		timeout: options.timeoutMs,
		// The dashed form survives nginx, which drops headers with underscores by default.
		headers: { [CHATWOOT_TOKEN_HEADER]: options.accessToken, Accept: 'application/json' },
		httpAgent: options.httpAgent,
		httpsAgent: options.httpsAgent,
		validateStatus: () => true,
		transitional: { clarifyTimeoutError: true },
	});

	async function exchange(spec: RequestSpec): Promise<AxiosResponse> {
		const idempotent = spec.idempotent ?? true;
		return withRetry(
			options.retry,
			async () => {
				let response: AxiosResponse;
				try {
					response = await http.request({
						method: spec.method,
						url: spec.path,
						params: spec.query,
						data: spec.body,
					});
				} catch (error) {
					throw new ChatwootUnreachableError(error, {
						baseUrl: options.baseUrl,
						method: spec.method,
						path: spec.path,
						timeoutMs: options.timeoutMs,
					});
				}
				if (response.status >= 200 && response.status < 300) return response;
				throw apiErrorFor({
					remoteStatus: response.status,
					statusText: response.statusText,
					method: spec.method,
					path: spec.path,
					body: response.data,
					retryAfterMs: parseRetryAfter(response.headers[RETRY_AFTER_HEADER.toLowerCase()]),
				});
			},
			{
				retryable: (error) =>
					error instanceof ChatwootApiError &&
					(error.retryable || (idempotent && (error.remoteStatus ?? 0) >= 500)),
				retryAfterMs: (error) => (error instanceof ChatwootApiError ? error.retryAfterMs : null),
				sleep: options.sleep,
				random: options.random,
			},
		);
	}

	return {
		async request(schema, spec) {
			const response = await exchange(spec);
			const parsed = schema.safeParse(response.data);
			if (!parsed.success) {
				const issues = z.prettifyError(parsed.error);
				throw new ChatwootResponseError({
					method: spec.method,
					path: spec.path,
					issues,
					body: response.data,
				});
			}
			return parsed.data;
		},
		async send(spec) {
			await exchange(spec);
		},
	};
}
