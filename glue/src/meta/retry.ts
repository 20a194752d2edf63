// Which Meta failures are worth another try, and after how long.
import { retryDelayMs, type RetryPolicy } from '../chatwoot/retry.ts';
import { MetaApiError } from './meta-api-error.ts';
import { MetaRateLimitedError } from './meta-rate-limited-error.ts';

export type { RetryPolicy };

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	retries: 3,
	baseDelayMs: 1_000,
	maxDelayMs: 60_000,
};

// Meta documents #1 (unknown) and #2 (service) as temporary: "wait and retry the operation".
const TEMPORARY_CODES = new Set([1, 2]);

/**
 * Only what Meta marks transient (is_transient, #1, #2) or rate-limited: in both cases Meta did
 * not act, so even a send or a post may be repeated. Anything else (a 5xx without a Graph body, a
 * timeout) may have been applied, and repeating it could message a customer twice.
 */
export function isRetryable(error: unknown): boolean {
	if (error instanceof MetaRateLimitedError) return true;
	if (!(error instanceof MetaApiError)) return false;
	return error.graph.is_transient === true || TEMPORARY_CODES.has(error.graph.code);
}

/**
 * How long to wait before retry number `attempt` (0-based), or null to give up now: when Meta asks
 * for a longer wait than the policy allows, sleeping through a part of it would only fail again.
 */
export function retryWaitMs(
	error: unknown,
	attempt: number,
	policy: RetryPolicy,
	random?: () => number,
): number | null {
	if (attempt >= policy.retries || !isRetryable(error)) return null;
	const hint = error instanceof MetaRateLimitedError ? error.retryAfterMs : null;
	if (hint !== null && hint > policy.maxDelayMs) return null;
	return retryDelayMs(attempt, hint, policy, random);
}
