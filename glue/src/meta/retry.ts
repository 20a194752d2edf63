// Which Meta failures are worth another try; how long to wait is the common policy's (delayFor).
import type { RetryOptions, RetryPolicy } from '../common/retry.ts';
import { MetaApiError } from './meta-api-error.ts';
import { MetaRateLimitedError } from './meta-rate-limited-error.ts';

/** Up to 4 attempts, 1 s doubling, at most a minute between two. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
};

/**
 * Only what Meta marks transient (is_transient, #1, #2) or rate-limited: in both cases Meta did
 * not act. Anything else (a 5xx without a Graph body, a timeout) may have been applied, and
 * repeating it could message a customer twice. A wait longer than the policy allows is not slept
 * through at all: sleeping through a part of it would only fail again.
 */
export function isRetryable(error: unknown, policy: RetryPolicy): boolean {
	if (!(error instanceof MetaApiError) || !error.retryable) return false;
	const hint = retryAfterOf(error);
	return hint === null || hint <= policy.maxDelayMs;
}

function retryAfterOf(error: unknown): number | null {
	return error instanceof MetaRateLimitedError ? error.retryAfterMs : null;
}

/** The options for withRetry() under `policy`. */
export function metaRetryOptions(
	policy: RetryPolicy,
): Pick<RetryOptions, 'retryable' | 'retryAfterMs'> {
	return { retryable: (error) => isRetryable(error, policy), retryAfterMs: retryAfterOf };
}
