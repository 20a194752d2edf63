// POSTs one event to n8n, retrying with backoff. Never throws: the outcome is returned for
// the caller to log, because this runs after the editor's save and must not fail it.
import {
	N8N_PERMANENT_REFUSALS,
	n8nUnreachableText,
	parseRetryAfter,
	RETRY_AFTER_HEADER,
	SWITCHBOARD_SECRET_HEADER,
	withRetry,
	type RetryPolicy,
} from '@switchboard/glue/common';

export interface DeliveryTarget {
	url: string;
	secret: string;
}

/** Without Retry-After, the waits are at most 1, 2, 4 and 8 s: all given up within 15 s. */
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export interface DeliveryDeps {
	fetch?: typeof fetch;
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	retry?: RetryPolicy;
	timeoutMs?: number;
	/** Told about each failed attempt that will be retried. */
	onRetry?: (attempt: number, error: string, delayMs: number) => void;
}

export type DeliveryResult =
	| { delivered: true; status: number; attempts: number }
	| { delivered: false; error: string; attempts: number };

/** One attempt that n8n did not take: what to log, and whether another may follow. */
class Undelivered extends Error {
	readonly permanent: boolean;
	readonly retryAfterMs: number | null;

	constructor(message: string, permanent: boolean, retryAfterMs: number | null = null) {
		super(message);
		this.permanent = permanent;
		this.retryAfterMs = retryAfterMs;
	}
}

export async function deliverEvent(
	target: DeliveryTarget,
	event: object,
	deps: DeliveryDeps = {},
): Promise<DeliveryResult> {
	const doFetch = deps.fetch ?? globalThis.fetch;
	const now = deps.now ?? Date.now;
	const timeoutMs = deps.timeoutMs ?? 10_000;
	const body = JSON.stringify(event);
	let attempts = 0;
	const post = async (): Promise<number> => {
		attempts += 1;
		let response: Response;
		try {
			response = await doFetch(target.url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': 'switchboard-directus',
					// Checked by workflow 02's Webhook node (header auth); the body is not signed.
					[SWITCHBOARD_SECRET_HEADER]: target.secret,
				},
				body,
				signal: AbortSignal.timeout(timeoutMs),
			});
		} catch (failure) {
			throw new Undelivered(n8nUnreachableText(failure, target.url, timeoutMs), false);
		}
		// Drained, not read: the receiver's answer is not ours to log.
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return response.status;
		throw new Undelivered(
			`HTTP ${response.status}`,
			N8N_PERMANENT_REFUSALS.has(response.status),
			parseRetryAfter(response.headers.get(RETRY_AFTER_HEADER), now()),
		);
	};
	try {
		const status = await withRetry(deps.retry ?? DEFAULT_RETRY, post, {
			retryable: (error) => error instanceof Undelivered && !error.permanent,
			retryAfterMs: (error) => (error instanceof Undelivered ? error.retryAfterMs : null),
			onRetry: (error, failed, delayMs) => deps.onRetry?.(failed, messageOf(error), delayMs),
			sleep: deps.sleep,
		});
		return { delivered: true, status, attempts };
	} catch (error) {
		return { delivered: false, error: messageOf(error), attempts };
	}
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
