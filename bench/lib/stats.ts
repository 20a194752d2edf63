// Latency percentiles and rates for the benchmark. A request that failed or timed out counts as an
// infinitely slow one, so a percentile that reaches into the failures says so instead of hiding them.

export interface LatencySummary {
	count: number;
	ok: number;
	failed: number;
	/** Milliseconds; null when there is no sample, Infinity when the rank falls on a failure. */
	p50: number | null;
	p90: number | null;
	p99: number | null;
	max: number | null;
	/** Mean of the successful requests only. */
	meanOk: number | null;
}

/**
 * Nearest-rank percentile of an ascending array: the smallest value with at least p% of the samples
 * at or below it (no interpolation, so it is always a latency that was actually observed).
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
	if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
	if (sortedAscending.length === 0) return null;
	const rank = Math.ceil((p / 100) * sortedAscending.length);
	return sortedAscending[rank - 1]!;
}

/** Summarises latencies in ms; failures are passed as Infinity (or NaN, treated the same). */
export function summarize(latenciesMs: readonly number[]): LatencySummary {
	const sorted = latenciesMs
		.map((ms) => (Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY))
		.sort((a, b) => a - b);
	const okValues = sorted.filter(Number.isFinite);
	return {
		count: sorted.length,
		ok: okValues.length,
		failed: sorted.length - okValues.length,
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p99: percentile(sorted, 99),
		max: sorted.length ? sorted[sorted.length - 1]! : null,
		meanOk: okValues.length ? okValues.reduce((sum, ms) => sum + ms, 0) / okValues.length : null,
	};
}

/** Events per second over a window; 0 for an empty or zero-length window. */
export function ratePerSecond(events: number, windowMs: number): number {
	if (!(windowMs > 0)) return 0;
	return (events * 1000) / windowMs;
}

/**
 * When each request of an open-loop step is due, in ms from the step's start: evenly spaced at
 * `rate` per second for `durationMs` (the last one strictly before the end).
 */
export function openLoopSchedule(rate: number, durationMs: number): number[] {
	if (!(rate > 0)) throw new RangeError(`openLoopSchedule: rate must be positive, got ${rate}`);
	const count = Math.floor((rate * durationMs) / 1000);
	const gap = 1000 / rate;
	return Array.from({ length: count }, (_, i) => i * gap);
}

/** Rounds for display: whole numbers from 100 up, one decimal below, and "fail" when the rank falls on a failed request. */
export function formatMs(ms: number | null): string {
	if (ms === null) return '–';
	if (!Number.isFinite(ms)) return 'fail';
	return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
