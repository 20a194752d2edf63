// Keeps the last good read of each collection routing needs, in memory and (when given a store) in
// sb_content_snapshot, and answers from it while Directus is down. Each answer so given is marked
// stale with its age, so the hand-off note can say how old the department records were.
import { directusDownReason } from './directus-down.ts';
import type { ContentSnapshotStore } from './snapshot-store.ts';
import type { Clock } from './ttl-cache.ts';

/** Content answered from the last good read because Directus could not be read now. */
export interface ContentStaleness {
	/** When that content was read from Directus (ISO). */
	since: string;
	/** Its age when it was used, in whole minutes. */
	ageMinutes: number;
	/** Why Directus could not be read, e.g. "unreachable", "HTTP 503". */
	reason: string;
}

interface Logger {
	warn(message: string, meta?: Record<string, unknown>): void;
}

interface Known {
	value: unknown;
	readAt: number;
}

/**
 * After Directus failed, how long the last good read is used without asking again: a hanging
 * Directus costs its full timeout per request, and a workflow run reads several collections.
 */
export const DOWN_RETRY_AFTER_MS = 10_000;

export class LastKnownContent {
	private readonly known = new Map<string, Known>();
	private readonly stale = new Map<string, { readAt: number; reason: string; until: number }>();

	private readonly clock: Clock;
	private readonly store: ContentSnapshotStore | null;
	private readonly logger: Logger | undefined;

	constructor(clock: Clock, store: ContentSnapshotStore | null, logger?: Logger) {
		this.clock = clock;
		this.store = store;
		this.logger = logger;
	}

	/**
	 * `load`'s value, remembered; when Directus is down, the last value remembered (from memory, else
	 * from the store). Any other failure, or down with nothing remembered, is thrown as it was.
	 */
	async read<T>(key: string, load: () => Promise<T>): Promise<T> {
		const recent = this.stale.get(key);
		const known = this.known.get(key);
		if (recent && known && this.clock.now() < recent.until) return known.value as T;
		try {
			const value = await load();
			await this.remember(key, value);
			return value;
		} catch (error) {
			const reason = directusDownReason(error);
			if (reason === null) throw error;
			const last = this.known.get(key) ?? (await this.fromStore(key));
			if (!last) throw error;
			const until = this.clock.now() + DOWN_RETRY_AFTER_MS;
			this.stale.set(key, { readAt: last.readAt, reason, until });
			this.logger?.warn('content: Directus is down, using the last good read', {
				collection: key,
				reason,
				readAt: new Date(last.readAt).toISOString(),
			});
			return last.value as T;
		}
	}

	/** The oldest of these collections' last answers that came from a remembered read; else null. */
	staleness(keys: readonly string[]): ContentStaleness | null {
		let oldest: { readAt: number; reason: string } | null = null;
		for (const key of keys) {
			const entry = this.stale.get(key);
			if (entry && (!oldest || entry.readAt < oldest.readAt)) oldest = entry;
		}
		if (!oldest) return null;
		return {
			since: new Date(oldest.readAt).toISOString(),
			ageMinutes: Math.max(0, Math.floor((this.clock.now() - oldest.readAt) / 60_000)),
			reason: oldest.reason,
		};
	}

	private async remember(key: string, value: unknown): Promise<void> {
		const previous = this.known.get(key);
		this.stale.delete(key);
		// Cached reads hand back the same value: it keeps its read time and is stored once.
		if (previous?.value === value) return;
		const readAt = this.clock.now();
		this.known.set(key, { value, readAt });
		if (!this.store) return;
		try {
			await this.store.save(key, value, new Date(readAt));
		} catch (error) {
			// The snapshot is a safety net: failing to write it must not fail the read.
			this.logger?.warn('content: could not save the content snapshot', {
				collection: key,
				error: error instanceof Error ? error.message : String(error),
			});
		}
	}

	private async fromStore(key: string): Promise<Known | null> {
		if (!this.store) return null;
		try {
			const snapshot = await this.store.load(key);
			if (!snapshot) return null;
			const known = { value: snapshot.content, readAt: snapshot.readAt.getTime() };
			this.known.set(key, known);
			return known;
		} catch (error) {
			this.logger?.warn('content: could not read the content snapshot', {
				collection: key,
				error: error instanceof Error ? error.message : String(error),
			});
			return null;
		}
	}
}
