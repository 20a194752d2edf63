// What the Meta client tests share: a client pointed at the test's simulator, recorded sleeps
// instead of real waiting, and short ways to inject faults and read the request log.
import type { LoggedRequest } from '../../../simulators/src/common/request-log.ts';
import { APP_SECRET, type SimHarness, TOKEN } from '../../../simulators/src/meta/test-support.ts';
import { createMetaClient, type MetaClient } from './client.ts';
import type { MetaClientOptions } from './config.ts';

export const VERSION = 'v23.0';

export interface TestClient {
	client: MetaClient;
	/** Every wait the client asked for, in order; none of them is really slept. */
	sleeps: number[];
}

export function clientFor(h: SimHarness, overrides: Partial<MetaClientOptions> = {}): TestClient {
	const sleeps: number[] = [];
	const client = createMetaClient({
		graphBaseUrl: h.url,
		apiVersion: VERSION,
		accessToken: TOKEN,
		appSecret: APP_SECRET,
		retryBaseDelayMs: 100,
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		random: () => 1,
		...overrides,
	});
	return { client, sleeps };
}

/** Answers the next `times` matching Graph calls with this status and body (Graph's envelope). */
export async function injectFault(
	h: SimHarness,
	fault: {
		method?: string;
		path: string;
		status?: number;
		body?: unknown;
		headers?: Record<string, string>;
		times?: number;
		drop?: boolean;
		delayMs?: number;
	},
): Promise<void> {
	const res = await h.admin('/faults', { times: 1, ...fault });
	if (res.status !== 201) throw new Error(`fault refused: ${JSON.stringify(res.body)}`);
}

export function graphErrorBody(error: Record<string, unknown>) {
	return { error: { type: 'OAuthException', fbtrace_id: 'AbCdEf123', ...error } };
}

export function logged(h: SimHarness, method: string, path: string): LoggedRequest[] {
	return h.sim.ctx.log.list({ method, path });
}
