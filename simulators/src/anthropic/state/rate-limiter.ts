export interface RateLimits {
	requestsPerMinute: number;
	inputTokensPerMinute: number;
	outputTokensPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
	requestsPerMinute: 4_000,
	inputTokensPerMinute: 2_000_000,
	outputTokensPerMinute: 400_000,
};

const windowMs = 60_000;

export type LimitVerdict = { ok: true } | { ok: false; message: string; retryAfterSeconds: number };

/**
 * Per-minute request and token budgets in fixed windows (the real API refills continuously; a fixed
 * window is close enough to exercise 429 handling and the anthropic-ratelimit-* headers).
 */
export class RateLimiter {
	private readonly limits: RateLimits;
	private windowStart = -windowMs;
	private requests = 0;
	private inputTokens = 0;
	private outputTokens = 0;

	constructor(limits: RateLimits) {
		this.limits = limits;
	}

	// A window opens with the first request after the previous one closed.
	private roll(now: number): void {
		if (now >= this.windowStart + windowMs) {
			this.windowStart = now;
			this.requests = 0;
			this.inputTokens = 0;
			this.outputTokens = 0;
		}
	}

	/** Counts the request against the budgets, or says why it is refused and for how long. */
	admit(inputTokens: number, now: number): LimitVerdict {
		this.roll(now);
		const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000));
		if (this.requests >= this.limits.requestsPerMinute) {
			return {
				ok: false,
				retryAfterSeconds,
				message: 'Number of requests has exceeded your per-minute rate limit',
			};
		}
		if (this.inputTokens + inputTokens > this.limits.inputTokensPerMinute) {
			return {
				ok: false,
				retryAfterSeconds,
				message: 'Number of request tokens has exceeded your per-minute rate limit',
			};
		}
		if (this.outputTokens >= this.limits.outputTokensPerMinute) {
			return {
				ok: false,
				retryAfterSeconds,
				message: 'Number of output tokens has exceeded your per-minute rate limit',
			};
		}
		this.requests += 1;
		this.inputTokens += inputTokens;
		return { ok: true };
	}

	recordOutput(outputTokens: number): void {
		this.outputTokens += outputTokens;
	}

	/** The anthropic-ratelimit-* headers with RFC 3339 reset times, as on every real response. */
	headers(now: number): Record<string, string> {
		this.roll(now);
		const reset = new Date(this.windowStart + windowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const { requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute } = this.limits;
		const remaining = (limit: number, used: number) => String(Math.max(0, limit - used));
		const all: Record<string, [number, number]> = {
			requests: [requestsPerMinute, this.requests],
			tokens: [inputTokensPerMinute + outputTokensPerMinute, this.inputTokens + this.outputTokens],
			'input-tokens': [inputTokensPerMinute, this.inputTokens],
			'output-tokens': [outputTokensPerMinute, this.outputTokens],
		};
		const headers: Record<string, string> = {};
		for (const [name, [limit, used]] of Object.entries(all)) {
			headers[`anthropic-ratelimit-${name}-limit`] = String(limit);
			headers[`anthropic-ratelimit-${name}-remaining`] = remaining(limit, used);
			headers[`anthropic-ratelimit-${name}-reset`] = reset;
		}
		return headers;
	}

	reset(): void {
		this.windowStart = -windowMs;
	}
}
