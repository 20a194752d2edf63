import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { z } from 'zod/v4';
import { DEFAULT_RETRY_POLICY } from './retry.ts';

// An empty env value means unset (the repo's .env convention), not an empty secret.
const optionalSecret = z
	.string()
	.optional()
	.transform((value) => (value === '' ? undefined : value));

export const metaClientConfigSchema = z.object({
	/** Graph's origin; a simulator's URL in tests and the sandbox. graph.instagram.com for IG Login. */
	graphBaseUrl: z
		.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://graph.facebook.com' })
		.default('https://graph.facebook.com'),
	/** Pinned in every path (reference/meta.md §6.1): "v23.0", never left to Meta's default. */
	apiVersion: z.string().regex(/^v\d{1,3}\.\d$/, 'a Graph API version such as v23.0'),
	/** A Page, system-user or WhatsApp token; sent as a Bearer header, never in the URL. */
	accessToken: z.string().min(1, 'the access token is required'),
	/** When set, every call carries appsecret_proof = HMAC-SHA256(app secret, access token). */
	appSecret: optionalSecret,
	/** Per attempt. */
	timeoutMs: z.int().positive().default(30_000),
	/** Retries after the first attempt, for transient and rate-limited answers only. */
	retries: z
		.int()
		.min(0)
		.max(10)
		.default(DEFAULT_RETRY_POLICY.attempts - 1),
	retryBaseDelayMs: z.int().min(0).default(DEFAULT_RETRY_POLICY.baseDelayMs),
	/** Longest single wait; a longer wait Meta asks for is not slept through but thrown. */
	maxRetryDelayMs: z.int().min(0).default(DEFAULT_RETRY_POLICY.maxDelayMs),
});
export type MetaClientConfig = z.output<typeof metaClientConfigSchema>;

/** What the client needs from outside, injected so tests never wait on real time. */
export interface MetaClientDeps {
	httpAgent?: HttpAgent;
	httpsAgent?: HttpsAgent;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	random?: () => number;
}

export type MetaClientOptions = z.input<typeof metaClientConfigSchema> & MetaClientDeps;

export function parseMetaClientConfig(
	options: z.input<typeof metaClientConfigSchema>,
): MetaClientConfig {
	const parsed = metaClientConfigSchema.safeParse(options);
	if (!parsed.success) {
		// prettifyError names the fields and rules, never the values, so no token reaches a log.
		throw new TypeError(
			`[switchboard/meta] createMetaClient: invalid options:\n${z.prettifyError(parsed.error)}`,
		);
	}
	return parsed.data;
}
