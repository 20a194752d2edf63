// One way to talk to Directus for the reader and the setup: @directus/sdk's rest client with a
// static token, a per-request timeout, and every failure turned into a typed content error.
import {
	createDirectus,
	customEndpoint,
	rest,
	staticToken,
	type DirectusClient,
	type RestClient,
	type RestCommand,
} from '@directus/sdk';
import { unreachableReason } from '../common/unreachable.ts';
import { directusErrorFor } from './errors.ts';

export interface DirectusConnection {
	/** Base URL, e.g. http://127.0.0.1:8055. */
	url: string;
	/** A user's static token (Directus → user → Token). */
	token: string;
	/** Injected fetch, e.g. one that retries 429/503; defaults to the global fetch. */
	fetch?: typeof fetch;
	/** Per request; default 10 s. */
	timeoutMs?: number;
}

export type DirectusRestClient<Schema extends object> = DirectusClient<Schema> & RestClient<Schema>;

export interface DirectusApi<Schema extends object> {
	readonly url: string;
	readonly client: DirectusRestClient<Schema>;
	/** Runs an SDK command; failures become ContentApiError and its kin, or ContentUnreachableError. */
	request<Output>(command: RestCommand<Output, Schema>, collection?: string): Promise<Output>;
	/** Any endpoint, for the setup's calls on system collections; the answer's `data`. */
	call<Output>(method: HttpMethod, path: string, options?: CallOptions): Promise<Output>;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface CallOptions {
	params?: Record<string, unknown>;
	body?: unknown;
	collection?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function connectDirectus<Schema extends object>(
	connection: DirectusConnection,
): DirectusApi<Schema> {
	const url = connection.url.replace(/\/+$/, '');
	const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const baseFetch = connection.fetch ?? globalThis.fetch;
	const timedFetch: typeof fetch = async (input, init) => {
		const attempt = () =>
			baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
		try {
			return await attempt();
		} catch (error) {
			// A kept-alive socket Directus closed just as we reused it (seen right after it starts):
			// a read is safe to send once more; a write is not, it may have been applied.
			const method = (init?.method ?? 'GET').toUpperCase();
			if (method !== 'GET' || unreachableReason(error) !== 'connection_reset') throw error;
			return attempt();
		}
	};
	const client = createDirectus<Schema>(url, { globals: { fetch: timedFetch } })
		.with(staticToken(connection.token))
		.with(rest());
	const api: DirectusApi<Schema> = {
		url,
		client,
		async request<Output>(command: RestCommand<Output, Schema>, collection?: string) {
			try {
				return await client.request(command);
			} catch (error) {
				const options = command();
				throw directusErrorFor(error, {
					baseUrl: url,
					method: options.method ?? 'GET',
					path: options.path,
					collection,
					timeoutMs,
				});
			}
		},
		call<Output>(method: HttpMethod, path: string, options: CallOptions = {}) {
			const command = customEndpoint<Output>({
				method,
				path,
				...(options.params ? { params: options.params } : {}),
				...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
			});
			return api.request(command as RestCommand<Output, Schema>, options.collection);
		},
	};
	return api;
}
