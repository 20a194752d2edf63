// The one HTTP seam of the Chatwoot client: auth header, retries, error translation and response
// parsing. Resources pass intent (method, path, body, schema); nothing else touches axios.
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod/v4';
import { ChatwootResponseError } from './chatwoot-response-error.ts';
import { apiErrorFor, unreachableErrorFor } from './errors.ts';
import { isRetryable, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry.ts';

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
	/** False for creates, which must not be repeated after a 500 (see isRetryable). */
	idempotent?: boolean;
}

export interface Transport {
	request<S extends z.ZodType>(schema: S, spec: RequestSpec): Promise<z.output<S>>;
	/** For endpoints that answer an empty 200 (`head :ok`). */
	send(spec: RequestSpec): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTransport(options: TransportOptions): Transport {
	const http: AxiosInstance = axios.create({
		baseURL: options.baseUrl.replace(/\/+$/, ''),
		timeout: options.timeoutMs,
		// The dashed form survives nginx, which drops headers with underscores by default.
		headers: { 'Api-Access-Token': options.accessToken, Accept: 'application/json' },
		httpAgent: options.httpAgent,
		httpsAgent: options.httpsAgent,
		validateStatus: () => true,
		transitional: { clarifyTimeoutError: true },
	});
	const sleep = options.sleep ?? defaultSleep;

	async function exchange(spec: RequestSpec): Promise<AxiosResponse> {
		const idempotent = spec.idempotent ?? true;
		for (let attempt = 0; ; attempt += 1) {
			let response: AxiosResponse;
			try {
				response = await http.request({
					method: spec.method,
					url: spec.path,
					params: spec.query,
					data: spec.body,
				});
			} catch (error) {
				throw unreachableErrorFor(error, {
					...spec,
					baseUrl: options.baseUrl,
					timeoutMs: options.timeoutMs,
				});
			}
			if (response.status >= 200 && response.status < 300) return response;
			const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
			if (attempt < options.retry.retries && isRetryable(response.status, idempotent)) {
				await sleep(retryDelayMs(attempt, retryAfterMs, options.retry, options.random));
				continue;
			}
			throw apiErrorFor({
				status: response.status,
				statusText: response.statusText,
				method: spec.method,
				path: spec.path,
				body: response.data,
				retryAfterMs,
			});
		}
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
