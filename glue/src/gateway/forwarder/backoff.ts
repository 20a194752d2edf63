export interface BackoffPolicy {
	baseMs: number;
	maxMs: number;
}

/**
 * Exponential, doubling from `baseMs` after the first failed attempt, capped at `maxMs`, with the
 * upper half jittered so that gateways recovering together do not retry in lockstep.
 */
export function backoffDelayMs(
	failedAttempts: number,
	policy: BackoffPolicy,
	random: () => number = Math.random,
): number {
	const exponent = Math.max(0, failedAttempts - 1);
	const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
