// The one HTTP seam of the Meta client: version prefix, token, appsecret_proof, retries, error
// translation and response parsing. Resources pass intent (method, path, body, schema).
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod/v4';
import { withRetry, type RetryPolicy } from '../common/retry.ts';
import { appsecretProof } from './appsecret-proof.ts';
import type { MetaClientConfig, MetaClientDeps } from './config.ts';
import { graphErrorFor } from './errors.ts';
import { graphErrorOf } from './graph-error-body.ts';
import { MetaHttpError } from './meta-http-error.ts';
import { MetaResponseError } from './meta-response-error.ts';
import { MetaUnreachableError } from './meta-unreachable-error.ts';
import { retryAfterFrom } from './rate-limit-headers.ts';
import { metaRetryOptions } from './retry.ts';

export type QueryValue = string | number | boolean | undefined;

export interface GraphRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Below the version, e.g. `/123/feed`; ids already encoded. */
	path: string;
	query?: Record<string, QueryValue>;
	/** Sent as JSON. */
	body?: Record<string, unknown>;
}

export interface GraphTransport {
	request<S extends z.ZodType>(schema: S, request: GraphRequest): Promise<z.output<S>>;
	/** The injected clock and sleep, for the resources that poll. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGraphTransport(
	config: MetaClientConfig,
	deps: MetaClientDeps = {},
): GraphTransport {
	const baseUrl = config.graphBaseUrl.replace(/\/+$/, '');
	const http: AxiosInstance = axios.create({
		baseURL: baseUrl,
		timeout: config.timeoutMs,
		headers: { Authorization: `Bearer ${config.accessToken}`, Accept: 'application/json' },
		httpAgent: deps.httpAgent,
		httpsAgent: deps.httpsAgent,
		validateStatus: () => true,
		transitional: { clarifyTimeoutError: true },
	});
	const proof = config.appSecret ? appsecretProof(config.appSecret, config.accessToken) : undefined;
	const sleep = deps.sleep ?? realSleep;
	const now = deps.now ?? Date.now;
	const policy: RetryPolicy = {
		attempts: config.retries + 1,
		baseDelayMs: config.retryBaseDelayMs,
		maxDelayMs: config.maxRetryDelayMs,
	};

	async function attempt(request: GraphRequest, path: string): Promise<AxiosResponse> {
		let response: AxiosResponse;
		try {
			response = await http.request({
				method: request.method,
				url: path,
				params: { ...request.query, appsecret_proof: proof },
				data: request.body,
			});
		} catch (error) {
			throw new MetaUnreachableError(error, {
				baseUrl,
				method: request.method,
				path,
				timeoutMs: config.timeoutMs,
			});
		}
		if (response.status >= 200 && response.status < 300) return response;
		const graph = graphErrorOf(response.data);
		if (!graph) {
			throw new MetaHttpError({
				remoteStatus: response.status,
				method: request.method,
				path,
				body: response.data,
			});
		}
		throw graphErrorFor({
			remoteStatus: response.status,
			method: request.method,
			path,
			graph,
			retryAfterMs: retryAfterFrom(response.headers, now()),
		});
	}

	async function exchange(request: GraphRequest): Promise<AxiosResponse> {
		const path = `/${config.apiVersion}${request.path}`;
		return withRetry(policy, () => attempt(request, path), {
			...metaRetryOptions(policy),
			sleep,
			random: deps.random,
		});
	}

	return {
		async request(schema, request) {
			const response = await exchange(request);
			const parsed = schema.safeParse(response.data);
			if (!parsed.success) {
				throw new MetaResponseError({
					method: request.method,
					path: `/${config.apiVersion}${request.path}`,
					issues: z.prettifyError(parsed.error),
					body: response.data,
				});
			}
			return parsed.data;
		},
		now,
		sleep,
	};
}
