// Action hooks: after a promotion is saved, tell n8n when it was published or a published one
// changed. Delivery runs in the background with retries (utils/deliver-event.ts); nothing here can
// fail or slow the editor's save, and no event body is logged.
import type { EventContext, HookExtensionContext, PrimaryKey } from '@directus/types';
import { deliverEvent, type DeliveryTarget } from '../utils/deliver-event.ts';
import { promotionEventName, type PromotionEvent } from '../utils/promotion-event.ts';
import type { StatusMemo } from '../utils/status-memo.ts';
import { readPromotions } from './read-promotions.ts';

type Logger = HookExtensionContext['logger'];

export interface SavedPromotions {
	keys: readonly PrimaryKey[];
	/** The changed fields (update) or the whole payload (create). */
	payload: Record<string, unknown>;
	created: boolean;
}

export async function notifyN8n(
	saved: SavedPromotions,
	target: DeliveryTarget,
	event: EventContext,
	context: HookExtensionContext,
	statuses: StatusMemo,
): Promise<void> {
	const at = new Date().toISOString();
	try {
		const current = await readPromotions(saved.keys, ['id', 'status'], event, context);
		for (const promotion of current) {
			const id = String(promotion.id);
			const after = typeof promotion.status === 'string' ? promotion.status : null;
			const before = saved.created ? null : statusBefore(statuses.take(id), saved.payload, after);
			const name = promotionEventName(before, after);
			if (name === null) continue;
			send(
				{ event: name, promotionId: id, status: after ?? 'unknown', at },
				target,
				context.logger,
			);
		}
	} catch (error) {
		context.logger.warn(
			`promotions hook: could not tell n8n about promotion(s) ${saved.keys.join(', ')}: ${String(error)}`,
		);
	}
}

/** Without a noted status (should not happen), a status in the edit means it just changed. */
function statusBefore(
	noted: string | null | undefined,
	payload: Record<string, unknown>,
	after: string | null,
): string | null {
	if (noted !== undefined) return noted;
	return 'status' in payload ? null : after;
}

function send(event: PromotionEvent, target: DeliveryTarget, logger: Logger): void {
	const what = `${event.event} for promotion ${event.promotionId}`;
	void deliverEvent(target, event, {
		onRetry: (attempt, error, delayMs) =>
			logger.warn(
				`promotions hook: n8n did not take ${what} (attempt ${attempt}: ${error}); retrying in ${delayMs} ms`,
			),
	}).then((result) => {
		if (result.delivered) {
			logger.info(
				`promotions hook: told n8n ${what} (HTTP ${result.status}, attempt ${result.attempts})`,
			);
		} else {
			logger.error(
				`promotions hook: gave up telling n8n ${what} after ${result.attempts} attempt(s): ${result.error}`,
			);
		}
	});
}
