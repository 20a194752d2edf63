// How long Meta says to wait, from its rate-limit headers (reference/meta.md §6.3).
import { z } from 'zod/v4';
import { META_BUC_USAGE_HEADER, RETRY_AFTER_HEADER } from '../common/headers.ts';
import { parseRetryAfter } from '../common/retry.ts';

const MINUTE_MS = 60_000;

// X-Business-Use-Case-Usage: {"<object id>":[{"type":"pages","call_count":…,
// "estimated_time_to_regain_access":<minutes>}]}
const bucUsageSchema = z.record(
	z.string(),
	z.array(z.looseObject({ estimated_time_to_regain_access: z.number().optional() })),
);

/** The longest estimated_time_to_regain_access in the header, in ms; null when absent or zero. */
export function regainAccessMs(header: unknown): number | null {
	if (typeof header !== 'string' || header.trim() === '') return null;
	let json: unknown;
	try {
		json = JSON.parse(header);
	} catch {
		return null;
	}
	const parsed = bucUsageSchema.safeParse(json);
	if (!parsed.success) return null;
	const minutes = Object.values(parsed.data)
		.flat()
		.map((entry) => entry.estimated_time_to_regain_access ?? 0);
	const longest = Math.max(0, ...minutes);
	return longest > 0 ? longest * MINUTE_MS : null;
}

/** Retry-After when Meta sends one, else the business-use-case estimate; null when neither says. */
export function retryAfterFrom(headers: Record<string, unknown>, now?: number): number | null {
	return (
		parseRetryAfter(headers[RETRY_AFTER_HEADER.toLowerCase()], now) ??
		regainAccessMs(headers[META_BUC_USAGE_HEADER.toLowerCase()])
	);
}
