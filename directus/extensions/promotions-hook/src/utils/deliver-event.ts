// POSTs one signed event to n8n, retrying with backoff. Never throws: the outcome is returned for
// the caller to log, because this runs after the editor's save and must not fail it.
import { parseRetryAfter } from '../../../../../glue/src/chatwoot/retry.ts';
import {
	backoffDelayMs,
	type BackoffPolicy,
} from '../../../../../glue/src/gateway/forwarder/backoff.ts';
import { PERMANENT_REFUSALS } from '../../../../../glue/src/gateway/forwarder/forward-client.ts';
import { SECRET_HEADER, SIGNATURE_HEADER, signatureHeader } from './sign-body.ts';

export interface DeliveryTarget {
	url: string;
	secret: string;
}

export interface RetryPolicy extends BackoffPolicy {
	/** Attempts in all, the first included. */
	attempts: number;
}

/** Without Retry-After, the waits are at most 1, 2, 4 and 8 s: all given up within 15 s. */
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1_000, maxMs: 30_000 };

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

export async function deliverEvent(
	target: DeliveryTarget,
	event: object,
	deps: DeliveryDeps = {},
): Promise<DeliveryResult> {
	const doFetch = deps.fetch ?? globalThis.fetch;
	const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
	const now = deps.now ?? Date.now;
	const retry = deps.retry ?? DEFAULT_RETRY;
	const timeoutMs = deps.timeoutMs ?? 10_000;
	const body = JSON.stringify(event);
	for (let attempt = 1; ; attempt++) {
		let error: string;
		let retryAfterMs: number | null = null;
		let permanent = false;
		try {
			const response = await doFetch(target.url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': 'switchboard-directus',
					[SECRET_HEADER]: target.secret,
					[SIGNATURE_HEADER]: signatureHeader(target.secret, body, Math.floor(now() / 1000)),
				},
				body,
				signal: AbortSignal.timeout(timeoutMs),
			});
			// Drained, not read: the receiver's answer is not ours to log.
			await response.arrayBuffer().catch(() => undefined);
			if (response.ok) return { delivered: true, status: response.status, attempts: attempt };
			error = `HTTP ${response.status}`;
			permanent = PERMANENT_REFUSALS.has(response.status);
			retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
		} catch (failure) {
			error = describeFailure(failure, timeoutMs);
		}
		if (permanent || attempt >= retry.attempts)
			return { delivered: false, error, attempts: attempt };
		// A Retry-After the receiver sent wins when it is longer, up to the cap.
		const delay = Math.max(
			backoffDelayMs(attempt, retry),
			Math.min(retry.maxMs, retryAfterMs ?? 0),
		);
		deps.onRetry?.(attempt, error, delay);
		await sleep(delay);
	}
}

/** Refused, unknown host, timeout: one short phrase a person can act on. */
export function describeFailure(error: unknown, timeoutMs: number): string {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
		return `no answer within ${timeoutMs} ms`;
	}
	const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
	if (code === 'ECONNREFUSED') return 'connection refused (is n8n running?)';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
	if (typeof code === 'string') return code;
	return error instanceof Error ? error.message : String(error);
}
