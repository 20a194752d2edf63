import type { RateLimits } from './state/rate-limiter.ts';

export interface AnthropicSimulatorOptions {
	/** Keys the simulator accepts; when omitted any non-empty key is accepted. */
	apiKeys?: readonly string[];
	/** Model ids to accept beyond the SDK 1.12 list (they behave like the 5.x family). */
	extraModels?: readonly string[];
	/** Per-minute budgets of the in-memory rate limiter; the defaults are high enough for test suites. */
	rateLimits?: Partial<RateLimits>;
	/** How long a batch stays `in_progress`; 0 (the default) means it has ended by the first retrieve. */
	batchProcessingMs?: number;
	/** Clock for cache lifetimes, rate-limit windows, batch times and generated dates. */
	now?: () => Date;
	/** Randomness for fault probabilities (passed to the shared core). */
	random?: () => number;
}
