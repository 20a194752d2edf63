export interface RetryPolicy {
	/** Retries after the first attempt. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	retries: 3,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

/**
 * 429 (rack-attack) and 502–504 (proxy, restart) mean Chatwoot did not act, so any request may be
 * retried. A 500 may come after the write happened: a create retried then could text a customer
 * twice, so only requests that are safe to repeat retry it.
 */
export function isRetryable(status: number, idempotent: boolean): boolean {
	if (status === 429 || status === 502 || status === 503 || status === 504) return true;
	return status >= 500 && status <= 599 && idempotent;
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? null : Math.max(date - now, 0);
}

/** Exponential backoff with jitter (50–100 %), unless the server said how long to wait. */
export function retryDelayMs(
	attempt: number,
	retryAfterMs: number | null,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
	const exponential = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
	return Math.round(exponential * (0.5 + random() / 2));
}
