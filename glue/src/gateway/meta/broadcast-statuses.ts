// Meta's statuses and the broadcast sender: which are its own messages (it sets
// biz_opaque_callback_data on every send), and handing the stored statuses to its deliveries.
import type { Pool } from 'pg';
import { applyDeliveryStatuses, CALLBACK_PREFIX } from '../../broadcasts/statuses.ts';
import type { DeliveryStatusHook, WhatsAppStatusUpdate } from '../../meta/whatsapp-status.ts';

export function isBroadcastSend(callbackData: string): boolean {
	return callbackData.startsWith(CALLBACK_PREFIX);
}

/** The deliveries take Meta's own field names: the update is written back in them. */
function asMetaStatus(update: WhatsAppStatusUpdate) {
	return {
		id: update.wamid,
		status: update.status,
		timestamp: String(Math.floor(update.timestamp.getTime() / 1000)),
		...(update.recipient ? { recipient_id: update.recipient } : {}),
		...(update.callbackData ? { biz_opaque_callback_data: update.callbackData } : {}),
		errors: update.errors.map((error) => ({
			code: error.code,
			...(error.title ? { title: error.title } : {}),
			...(error.message ? { message: error.message } : {}),
		})),
	};
}

export function broadcastStatusHook(pool: Pool): DeliveryStatusHook {
	return (updates) => applyDeliveryStatuses(pool, updates.map(asMetaStatus));
}
