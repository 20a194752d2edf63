import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import type { LoggedRequest } from '../common/request-log.ts';
import { listen, type RunningServer } from '../common/listen.ts';
import {
	type AnthropicSimulator,
	type AnthropicSimulatorOptions,
	createAnthropicSimulator,
} from './index.ts';

/** A running simulator plus a real SDK client pointed at it, for the tests beside this file. */
export interface TestSimulator {
	server: RunningServer;
	sim: AnthropicSimulator;
	client(options?: Partial<ClientOptions>): Anthropic;
	post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
	requests(path?: string): Promise<LoggedRequest[]>;
	reset(): Promise<void>;
}

export async function startSimulator(
	options: AnthropicSimulatorOptions = {},
): Promise<TestSimulator> {
	const sim = createAnthropicSimulator(options);
	const server = await listen(sim.app);
	return {
		server,
		sim,
		// No retries unless a test asks: a retried failure would hide what the first answer was.
		client: (overrides = {}) =>
			new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0, ...overrides }),
		post: (path, body, headers = {}) =>
			fetch(`${server.url}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: typeof body === 'string' ? body : JSON.stringify(body),
			}),
		requests: async (path) => {
			const query = path ? `?path=${encodeURIComponent(path)}` : '';
			return (await fetch(`${server.url}/__sim/requests${query}`)).json() as Promise<
				LoggedRequest[]
			>;
		},
		reset: async () => {
			await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
		},
	};
}

/** Headers the real SDK 1.x sends, for tests that talk HTTP directly. */
export const sdkHeaders = {
	authorization: 'Bearer sk-ant-test',
	'anthropic-version': '2026-10-21',
};

/** A FAQ long enough to pass Haiku 5.5's 512-token caching minimum. */
export const longFaq = [
	'You triage customer messages for ACME Internet. Answer only from this FAQ.',
	'- [faq-refund] Refunds: we refund the full amount within 5 business days after the return arrives.',
	'- [faq-shipping] Shipping: routers ship within 24 hours; the tracking link arrives by email.',
	'- [faq-outage] Outages: restart your router; if the light stays red, call support on 0800 123.',
	...Array.from(
		{ length: 40 },
		(_, i) =>
			`- [faq-plan-${i}] Plan ${i}: ${i * 10 + 100} Mbit/s for ${i + 20} euros a month, no contract.`,
	),
].join('\n');

export interface ErrorJson {
	type: 'error';
	error: { type: string; message: string };
	request_id: string;
}

/** `Response.json()` is untyped; tests name the shape they expect. */
export async function readJson<T>(res: Response): Promise<T> {
	return (await res.json()) as T;
}
