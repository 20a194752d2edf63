// Medians from counts per value: Directus can group by a value and count, but has no median
// aggregate, so the panel asks for (day, value, count) rows and finds the middle here.

export interface ValueCount {
	value: number;
	count: number;
}

/** The median of the values, each repeated `count` times; the mean of the two middle ones for an even total. */
export function medianOfCounts(counts: readonly ValueCount[]): number | null {
	const sorted = counts.filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value);
	const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
	if (total === 0) return null;
	const valueAt = (position: number): number => {
		let seen = 0;
		for (const entry of sorted) {
			seen += entry.count;
			if (position < seen) return entry.value;
		}
		return sorted[sorted.length - 1]!.value;
	};
	return total % 2 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}
