// The promotion as Claude reads it. The same text is what the figure check accepts figures from, so
// a date Claude was shown (in the business's time zone) is a date the caption may state.
import type { Promotion } from '../content/schemas.ts';
import { localTime } from '../triage/index.ts';

/**
 * "2026-11-30 23:59 Mon" in the business's time zone. Directus sends "datetime" fields as local
 * times without an offset: those are already the business's time.
 */
export function localDateTime(timestamp: string, timeZone: string): string {
	const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(timestamp);
	return hasOffset
		? localTime(new Date(timestamp), timeZone)
		: localTime(new Date(`${timestamp}Z`), 'UTC');
}

export function promotionFacts(promotion: Promotion, timeZone: string): string {
	const from = localDateTime(promotion.startsAt, timeZone);
	const to = localDateTime(promotion.endsAt, timeZone);
	return [
		`Title: ${promotion.title}`,
		`Valid: from ${from} to ${to} (${timeZone})`,
		`Link: ${promotion.link ?? 'none'}`,
		`Details: ${promotion.body.trim()}`,
	].join('\n');
}
