/** Milliseconds since the epoch; injected so tests move time instead of waiting. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

interface Entry {
	expiresAt: number;
	value: Promise<unknown>;
}

/**
 * A small in-memory cache: a value is reused for `ttlMs` after it was loaded. Concurrent callers of
 * a missing key share one load, and a failed load is forgotten at once, so an outage is not cached.
 * A ttl of 0 turns caching off.
 */
export class TtlCache {
	private readonly entries = new Map<string, Entry>();
	private readonly ttlMs: number;
	private readonly clock: Clock;

	constructor(options: { ttlMs: number; clock?: Clock }) {
		if (!Number.isFinite(options.ttlMs) || options.ttlMs < 0) {
			throw new RangeError(`content cache: ttlMs must be a number >= 0 (got ${options.ttlMs})`);
		}
		this.ttlMs = options.ttlMs;
		this.clock = options.clock ?? systemClock;
	}

	get<T>(key: string, load: () => Promise<T>): Promise<T> {
		if (this.ttlMs === 0) return load();
		const now = this.clock.now();
		const cached = this.entries.get(key);
		if (cached && cached.expiresAt > now) return cached.value as Promise<T>;
		const value = load();
		const entry = { expiresAt: now + this.ttlMs, value };
		this.entries.set(key, entry);
		value.catch(() => {
			if (this.entries.get(key) === entry) this.entries.delete(key);
		});
		return value;
	}

	clear(): void {
		this.entries.clear();
	}
}
