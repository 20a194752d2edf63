import { scheduledTimeInvalid } from './error-catalog.ts';

const MIN_AHEAD_MS = 10 * 60_000;
const MAX_AHEAD_MS = 30 * 86_400_000;

/**
 * `scheduled_publish_time` as Unix seconds (number or digits) or a date string, in ms; it must lie
 * between 10 minutes and 30 days after the request (reference §5.1).
 */
export function parseScheduledTime(value: unknown, now: number): number {
	let ms = Number.NaN;
	if (typeof value === 'number') ms = value * 1000;
	else if (typeof value === 'string' && /^\d+$/.test(value.trim())) ms = Number(value) * 1000;
	else if (typeof value === 'string') ms = Date.parse(value);
	if (!Number.isFinite(ms) || ms < now + MIN_AHEAD_MS || ms > now + MAX_AHEAD_MS) {
		throw scheduledTimeInvalid();
	}
	return ms;
}
