/** One thing a setup step changed (or, in a dry run, would change). */
export interface SetupChange {
	action: 'create' | 'update' | 'delete';
	/** e.g. `field faq.question`, `policy Automation`, `faq "What are your opening hours?" (en)`. */
	target: string;
	/** What differs, e.g. `meta.note, schema.max_length`. */
	detail?: string;
}

export interface SetupResult {
	/** Applied changes (planned ones in a dry run); empty when everything was already in place. */
	changes: SetupChange[];
	/** Differences left alone on purpose, e.g. deletions without `prune`. */
	skipped: SetupChange[];
}

export function formatChange(change: SetupChange): string {
	return `${change.action} ${change.target}${change.detail ? ` (${change.detail})` : ''}`;
}

/** Deep equality for JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) || Array.isArray(b)) {
		return (
			Array.isArray(a) &&
			Array.isArray(b) &&
			a.length === b.length &&
			a.every((item, index) => sameJson(item, b[index]))
		);
	}
	if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
		const left = a as Record<string, unknown>;
		const right = b as Record<string, unknown>;
		const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
		return [...keys].every((key) => sameJson(left[key], right[key]));
	}
	return false;
}

/** The keys of `wanted` whose values differ in `actual` (only the keys `wanted` sets count). */
export function differingKeys(
	wanted: Record<string, unknown>,
	actual: Record<string, unknown> | null | undefined,
): string[] {
	return Object.keys(wanted).filter((key) => !sameJson(wanted[key], actual?.[key] ?? null));
}
