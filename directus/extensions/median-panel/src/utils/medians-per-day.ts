import { medianOfCounts, type ValueCount } from './median.ts';

export interface DayMedian {
	/** YYYY-MM-DD, as the database groups it (UTC on PostgreSQL). */
	day: string;
	median: number;
	count: number;
}

/** The query that gives this panel its rows: per day and value, how many items. */
export function medianQuery(options: {
	valueField: string;
	dateField: string;
	/** e.g. "30 days"; the window ends now. */
	range: string;
	filter?: Record<string, unknown>;
}): Record<string, unknown> {
	const { valueField, dateField } = options;
	return {
		group: [`year(${dateField})`, `month(${dateField})`, `day(${dateField})`, valueField],
		// A field, not '*': the Studio sends panel queries as GraphQL, where `count { * }` is a syntax error.
		aggregate: { count: [valueField] },
		filter: {
			_and: [
				{ [dateField]: { _gte: `$NOW(-${options.range})` } },
				{ [valueField]: { _nnull: true } },
				...(options.filter && Object.keys(options.filter).length ? [options.filter] : []),
			],
		},
		limit: -1,
	};
}

/**
 * Rows of medianQuery → the median per day, newest first, and over the whole window. The Studio
 * (GraphQL) nests the grouped values in `group`; the REST API puts them in the row.
 */
export function mediansPerDay(
	rows: readonly Record<string, unknown>[],
	valueField: string,
	dateField: string,
): { days: DayMedian[]; overall: number | null } {
	const byDay = new Map<string, ValueCount[]>();
	const all: ValueCount[] = [];
	for (const answer of rows) {
		const row = { ...(answer.group as Record<string, unknown> | undefined), ...answer };
		const raw = row[valueField];
		if (raw === null || raw === undefined || raw === '') continue;
		const value = Number(raw);
		const counted = row.count;
		const count = Number(
			typeof counted === 'object' && counted !== null
				? (counted as Record<string, unknown>)[valueField]
				: counted,
		);
		if (!Number.isFinite(value) || !Number.isFinite(count)) continue;
		const part = (unit: string) => String(row[`${dateField}_${unit}`]).padStart(2, '0');
		const day = `${part('year')}-${part('month')}-${part('day')}`;
		byDay.set(day, [...(byDay.get(day) ?? []), { value, count }]);
		all.push({ value, count });
	}
	const days = [...byDay.entries()]
		.map(([day, counts]) => ({
			day,
			median: medianOfCounts(counts)!,
			count: counts.reduce((sum, entry) => sum + entry.count, 0),
		}))
		.sort((a, b) => b.day.localeCompare(a.day));
	return { days, overall: medianOfCounts(all) };
}
