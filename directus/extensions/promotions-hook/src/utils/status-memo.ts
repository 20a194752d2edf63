// The status each promotion had before an update, noted by the update filter and taken by the
// action after the save: Directus gives the action only the changed fields. An entry whose save
// never happened (refused later) is overwritten by the next save or dropped after a while.
const KEEP_MS = 5 * 60_000;

export class StatusMemo {
	private readonly entries = new Map<string, { status: string | null; at: number }>();
	private readonly now: () => number;

	constructor(now: () => number = Date.now) {
		this.now = now;
	}

	remember(key: string | number, status: string | null): void {
		const now = this.now();
		for (const [stale, entry] of this.entries) {
			if (now - entry.at > KEEP_MS) this.entries.delete(stale);
		}
		this.entries.set(String(key), { status, at: now });
	}

	/** The status before the save, or undefined when none was noted. */
	take(key: string | number): string | null | undefined {
		const entry = this.entries.get(String(key));
		this.entries.delete(String(key));
		return entry?.status;
	}
}
