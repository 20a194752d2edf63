import { recipientNumber } from './recipient.ts';
import { sendResponseSchema } from './schemas-whatsapp.ts';
import type { GraphTransport } from './transport.ts';
import type { TemplateComponent } from './whatsapp-templates.ts';

interface SendCommon {
	/** The customer's number, with or without "+" (a wa_id from a webhook works). */
	to: string;
	/** Echoed on the status webhooks (≤ 512 bytes), e.g. our own message id. */
	bizOpaqueCallbackData?: string;
}

export interface TextMessageInput extends SendCommon {
	/** Up to 4,096 characters. */
	body: string;
	previewUrl?: boolean;
	/** The wamid to quote. */
	replyTo?: string;
}

export interface TemplateMessageInput extends SendCommon {
	name: string;
	/** e.g. "en_US", "es". */
	language: string;
	components?: TemplateComponent[];
}

/** Accepted by Meta, which is not delivered: delivery comes as status webhooks. */
export interface SentMessage {
	messageId: string;
	waId: string | null;
	/** "accepted" or "held_for_quality_assessment" for templates; null for other messages. */
	messageStatus: string | null;
}

export interface WhatsAppResource {
	/** POST /{phone-number-id}/messages, type text. Outside the 24 h window: #131047. */
	sendText(phoneNumberId: string, input: TextMessageInput): Promise<SentMessage>;
	/** POST /{phone-number-id}/messages, type template: allowed outside the window. */
	sendTemplate(phoneNumberId: string, input: TemplateMessageInput): Promise<SentMessage>;
}

export function whatsappResource(transport: GraphTransport): WhatsAppResource {
	const send = async (
		phoneNumberId: string,
		input: SendCommon,
		message: Record<string, unknown>,
	): Promise<SentMessage> => {
		const response = await transport.request(sendResponseSchema, {
			method: 'POST',
			path: `/${encodeURIComponent(phoneNumberId)}/messages`,
			body: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: recipientNumber(input.to),
				...message,
				biz_opaque_callback_data: input.bizOpaqueCallbackData,
			},
		});
		const [sent] = response.messages;
		return {
			messageId: sent?.id ?? '',
			waId: response.contacts?.[0]?.wa_id ?? null,
			messageStatus: sent?.message_status ?? null,
		};
	};

	return {
		sendText: (phoneNumberId, input) =>
			send(phoneNumberId, input, {
				type: 'text',
				text: { body: input.body, preview_url: input.previewUrl },
				context: input.replyTo ? { message_id: input.replyTo } : undefined,
			}),
		sendTemplate: (phoneNumberId, input) =>
			send(phoneNumberId, input, {
				type: 'template',
				template: {
					name: input.name,
					language: { code: input.language },
					components: input.components,
				},
			}),
	};
}
