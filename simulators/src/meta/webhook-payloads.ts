import type { BusinessNumber } from './config.ts';

export type WebhookObject = 'whatsapp_business_account' | 'page' | 'instagram';
export type WaStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface WebhookChange {
	value: Record<string, unknown>;
	field: string;
}

/** One update; the dispatcher groups updates for the same URL and object into one POST. */
export type WebhookUpdate =
	| { object: WebhookObject; entryId: string; time?: number; change: WebhookChange }
	| {
			object: 'page' | 'instagram';
			entryId: string;
			time: number;
			messaging: Record<string, unknown>;
	  };

export interface WebhookPayload {
	object: WebhookObject;
	entry: Record<string, unknown>[];
}

export interface WaStatusError {
	code: number;
	title: string;
	message: string;
	error_data: { details: string };
	href: string;
}

export interface WaStatus {
	id: string;
	status: WaStatusName;
	timestamp: string;
	recipient_id: string;
	conversation?: Record<string, unknown>;
	pricing?: Record<string, unknown>;
	biz_opaque_callback_data?: string;
	errors?: WaStatusError[];
}

const ERROR_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

/** The error objects of `failed` statuses (reference §2.9, the 131047 one as observed in the field). */
export const waStatusErrors = {
	reengagement: (): WaStatusError => ({
		code: 131047,
		title: 'Re-engagement message',
		message: 'Re-engagement message',
		error_data: {
			details:
				'Message failed to send because more than 24 hours have passed since the customer last ' +
				'replied to this number.',
		},
		href: ERROR_HREF,
	}),
	marketingCap: (): WaStatusError => ({
		code: 131049,
		title: 'This message was not delivered to maintain healthy ecosystem engagement.',
		message: 'This message was not delivered to maintain healthy ecosystem engagement.',
		error_data: {
			details:
				'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
		},
		href: ERROR_HREF,
	}),
	stoppedMarketing: (): WaStatusError => ({
		code: 131050,
		title:
			'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
		message:
			'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
		error_data: {
			details:
				'Unable to deliver the message because the recipient opted out of marketing messages.',
		},
		href: ERROR_HREF,
	}),
	undeliverable: (): WaStatusError => ({
		code: 131026,
		title: 'Message undeliverable',
		message: 'Message undeliverable',
		error_data: { details: 'Message Undeliverable.' },
		href: ERROR_HREF,
	}),
};

function waValue(number: BusinessNumber, rest: Record<string, unknown>): Record<string, unknown> {
	return {
		messaging_product: 'whatsapp',
		metadata: {
			display_phone_number: number.displayPhoneNumber,
			phone_number_id: number.phoneNumberId,
		},
		...rest,
	};
}

export interface WaContact {
	name: string;
	waId?: string;
	userId?: string;
}

/** A customer message to a business number (`field: messages`, one message, one contact). */
export function waMessageUpdate(
	number: BusinessNumber,
	contact: WaContact,
	message: Record<string, unknown>,
): WebhookUpdate {
	const contactEntry = {
		profile: { name: contact.name },
		wa_id: contact.waId,
		user_id: contact.userId,
	};
	return {
		object: 'whatsapp_business_account',
		entryId: number.wabaId,
		change: {
			value: waValue(number, { contacts: [contactEntry], messages: [message] }),
			field: 'messages',
		},
	};
}

export function waStatusUpdate(number: BusinessNumber, status: WaStatus): WebhookUpdate {
	return {
		object: 'whatsapp_business_account',
		entryId: number.wabaId,
		change: { value: waValue(number, { statuses: [status] }), field: 'messages' },
	};
}

/** A Messenger (`page`) or Instagram (`instagram`) messaging event, timestamps in milliseconds. */
export function messagingUpdate(
	object: 'page' | 'instagram',
	accountId: string,
	time: number,
	event: Record<string, unknown>,
): WebhookUpdate {
	return { object, entryId: accountId, time, messaging: event };
}

/**
 * Groups updates into Meta's envelope: changes for the same entry id share one entry (WhatsApp
 * batches them that way); each messaging event gets its own entry, as Messenger sends them.
 */
export function buildPayload(
	object: WebhookObject,
	updates: readonly WebhookUpdate[],
): WebhookPayload {
	const entry: Record<string, unknown>[] = [];
	const changesById = new Map<string, WebhookChange[]>();
	for (const update of updates) {
		const time = update.time === undefined ? {} : { time: update.time };
		if ('messaging' in update) {
			entry.push({ id: update.entryId, ...time, messaging: [update.messaging] });
			continue;
		}
		const existing = changesById.get(update.entryId);
		if (existing) {
			existing.push(update.change);
			continue;
		}
		const changes = [update.change];
		changesById.set(update.entryId, changes);
		entry.push({ id: update.entryId, ...time, changes });
	}
	return { object, entry };
}

/** A template's review changed (`field: message_template_status_update`), e.g. Meta approved it. */
export function waTemplateStatusUpdate(
	wabaId: string,
	time: number,
	template: { id: string; name: string; language: string; status: string; reason?: string },
): WebhookUpdate {
	return {
		object: 'whatsapp_business_account',
		entryId: wabaId,
		time,
		change: {
			value: {
				event: template.status,
				message_template_id: Number(template.id),
				message_template_name: template.name,
				message_template_language: template.language,
				reason: template.reason ?? 'NONE',
			},
			field: 'message_template_status_update',
		},
	};
}
