// Promotions: checked before every save (handlers/validate-promotion.ts), and n8n told after a
// publish or a change to a published one (handlers/notify-n8n.ts). Business info's default posting
// slots, which promotions without slots of their own use, are checked too
// (handlers/validate-business-info.ts).
import { defineHook } from '@directus/extensions-sdk';
import type { PrimaryKey } from '@directus/types';
import { notifyN8n } from './handlers/notify-n8n.ts';
import { validateBusinessInfo } from './handlers/validate-business-info.ts';
import { validateCreate, validateUpdate } from './handlers/validate-promotion.ts';
import { webhookTarget } from './handlers/webhook-target.ts';
import type { PromotionRecord } from './utils/promotion-problem.ts';
import { StatusMemo } from './utils/status-memo.ts';

export default defineHook(({ filter, action }, context) => {
	const statuses = new StatusMemo();
	filter<PromotionRecord>('promotions.items.create', (payload, _meta, event) =>
		validateCreate(payload, event, context),
	);
	filter<PromotionRecord>('promotions.items.update', (payload, meta, event) =>
		validateUpdate(payload, meta.keys as PrimaryKey[], event, context, statuses),
	);
	filter<PromotionRecord>('business_info.items.create', validateBusinessInfo);
	filter<PromotionRecord>('business_info.items.update', validateBusinessInfo);

	const target = webhookTarget(context);
	if (!target) return;
	action('promotions.items.create', (meta, event) =>
		notifyN8n(
			{ keys: [meta.key as PrimaryKey], payload: meta.payload, created: true },
			target,
			event,
			context,
			statuses,
		),
	);
	action('promotions.items.update', (meta, event) =>
		notifyN8n(
			{ keys: meta.keys as PrimaryKey[], payload: meta.payload, created: false },
			target,
			event,
			context,
			statuses,
		),
	);
});
