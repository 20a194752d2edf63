// Appointments (sb_appointments): a front-desk move or cancel is checked before it is saved
// (handlers/review-edit.ts), then n8n is asked to apply it at once (handlers/notify-n8n.ts);
// workflow 07's every-minute run applies whatever that call missed.
import { defineHook } from '@directus/extensions-sdk';
import type { PrimaryKey } from '@directus/types';
import { notifyN8n, webhookTarget } from './handlers/notify-n8n.ts';
import { reviewEdit } from './handlers/review-edit.ts';

export default defineHook(({ filter, action }, context) => {
	filter<Record<string, unknown>>('sb_appointments.items.update', (payload, meta, event) =>
		reviewEdit(payload, meta.keys as PrimaryKey[], event, context),
	);
	const target = webhookTarget(context);
	if (!target) return;
	action('sb_appointments.items.update', (meta) =>
		notifyN8n(meta.keys as PrimaryKey[], meta.payload as Record<string, unknown>, target, context),
	);
});
