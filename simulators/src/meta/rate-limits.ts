/** Events per key inside a sliding window: the per-number throughput limit (80 messages/s). */
export class SlidingWindowCounter {
	private readonly hits = new Map<string, number[]>();

	/** Counts the event and returns true, or returns false (not counted) when the limit is reached. */
	tryHit(key: string, now: number, limit: number, windowMs: number): boolean {
		const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
		if (recent.length >= limit) {
			this.hits.set(key, recent);
			return false;
		}
		recent.push(now);
		this.hits.set(key, recent);
		return true;
	}

	/** Events in the window ending now (e.g. Instagram posts in the last 24 h). */
	count(key: string, now: number, windowMs: number): number {
		return (this.hits.get(key) ?? []).filter((t) => t > now - windowMs).length;
	}

	clear(): void {
		this.hits.clear();
	}
}

interface Bucket {
	tokens: number;
	at: number;
}

/**
 * Token buckets per key: the WhatsApp pair rate (bursts of 45 that "borrow" quota, refilled at one
 * message per 6 s to the same user).
 */
export class TokenBuckets {
	private readonly buckets = new Map<string, Bucket>();

	tryTake(key: string, now: number, capacity: number, refillMs: number): boolean {
		const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
		const refilled = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) / refillMs);
		const ok = refilled >= 1;
		this.buckets.set(key, { tokens: ok ? refilled - 1 : refilled, at: now });
		return ok;
	}

	clear(): void {
		this.buckets.clear();
	}
}
