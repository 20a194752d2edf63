// What n8n is told. Published: a promotion became published (created so, or its status changed to
// it). Changed: a published one was edited, or left "published" (archived, back to draft), which
// n8n needs to stop posting it.
export type PromotionEventName = 'promotion.published' | 'promotion.changed';

export interface PromotionEvent {
	event: PromotionEventName;
	promotionId: string;
	status: string;
	/** When the save happened, ISO 8601 UTC; the same on every retry, so n8n can drop repeats. */
	at: string;
}

/** `before` is null for a promotion that did not exist before the save. */
export function promotionEventName(
	before: string | null,
	after: string | null,
): PromotionEventName | null {
	if (after === 'published')
		return before === 'published' ? 'promotion.changed' : 'promotion.published';
	return before === 'published' ? 'promotion.changed' : null;
}
