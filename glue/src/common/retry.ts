// The one retry policy of the library: how many attempts, how long between them, when to stop.
// Clients loop with withRetry(); the gateway's forwarder, whose next attempt is a row in the
// ledger rather than a sleep, asks delayFor() and retriesLeft() directly.

/**
 * How often and how patiently to repeat a failed request.
 *
 * @example
 * // Up to 4 attempts; waits of about 0.5, 1 and 2 s, never more than 30 s.
 * const policy: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
 */
export interface RetryPolicy {
	/** Attempts in all, the first included: 1 never retries. */
	attempts: number;
	/** The wait after the first failure, before jitter; it doubles with each further failure. */
	baseDelayMs: number;
	/** No wait is longer, a Retry-After included. */
	maxDelayMs: number;
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? null : Math.max(date - now, 0);
}

/**
 * The wait before the next attempt, after `failedAttempts` failures (1 for the first; 0 counts as
 * 1): exponential from `baseDelayMs`, jittered over its upper half so that clients recovering
 * together do not retry in lockstep, and never below what the remote asked for in Retry-After.
 * Everything is capped at `maxDelayMs`.
 *
 * @example
 * delayFor({ attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 }, 3); // 2000–4000
 * delayFor({ attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 }, 1, 5000); // 5000
 */
export function delayFor(
	policy: RetryPolicy,
	failedAttempts: number,
	retryAfterMs: number | null = null,
	random: () => number = Math.random,
): number {
	// The exponent is bounded so that a huge attempt count cannot reach Infinity (0 × ∞ is NaN).
	const exponent = Math.min(Math.max(0, failedAttempts - 1), 30);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
	const backoff = Math.round(ceiling * (0.5 + random() / 2));
	return Math.max(backoff, Math.min(retryAfterMs ?? 0, policy.maxDelayMs));
}

/** Whether the policy allows another attempt after `failedAttempts` failures. */
export function retriesLeft(policy: RetryPolicy, failedAttempts: number): boolean {
	return failedAttempts < policy.attempts;
}

export interface RetryOptions {
	/** Whether this failure is worth another attempt; false rethrows it at once. */
	retryable: (error: unknown) => boolean;
	/** What the remote said about when to come back (Retry-After), in ms; null when it did not. */
	retryAfterMs?: (error: unknown) => number | null;
	/** Told before each wait. */
	onRetry?: (error: unknown, failedAttempts: number, delayMs: number) => void;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it resolves, the failure is not retryable, or the policy's attempts are
 * spent; then rethrows the last failure as it was.
 *
 * @example
 * const page = await withRetry(DEFAULT_POLICY, () => http.get('/items'), {
 * 	retryable: (error) => error instanceof RemoteError && error.retryable,
 * });
 */
export async function withRetry<T>(
	policy: RetryPolicy,
	attempt: (attemptNumber: number) => Promise<T>,
	options: RetryOptions,
): Promise<T> {
	const sleep = options.sleep ?? realSleep;
	for (let failed = 0; ; ) {
		try {
			return await attempt(failed + 1);
		} catch (error) {
			failed += 1;
			if (!retriesLeft(policy, failed) || !options.retryable(error)) throw error;
			const delayMs = delayFor(
				policy,
				failed,
				options.retryAfterMs?.(error) ?? null,
				options.random,
			);
			options.onRetry?.(error, failed, delayMs);
			await sleep(delayMs);
		}
	}
}
