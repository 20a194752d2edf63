const ttlMs = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
export type CacheTtl = keyof typeof ttlMs;

/** Which prompt prefixes are cached, by hash, until when. Reads refresh the entry, as on the real API. */
export class PromptCache {
	private readonly entries = new Map<string, { expiresAt: number; ttl: CacheTtl }>();

	/** True when the prefix is cached; refreshes its lifetime. */
	read(hash: string, now: number): boolean {
		const entry = this.entries.get(hash);
		if (!entry || entry.expiresAt <= now) {
			this.entries.delete(hash);
			return false;
		}
		entry.expiresAt = now + ttlMs[entry.ttl];
		return true;
	}

	write(hash: string, ttl: CacheTtl, now: number): void {
		this.entries.set(hash, { expiresAt: now + ttlMs[ttl], ttl });
	}

	clear(): void {
		this.entries.clear();
	}
}
