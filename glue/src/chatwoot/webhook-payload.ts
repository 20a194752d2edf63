// Chatwoot's webhook payloads (§2.4) as one union on `event`, for the gateway and the n8n nodes.
// Webhooks differ from REST: message_type is a string and the top-level created_at is ISO.
import { z } from 'zod/v4';
import {
	conversationStatusSchema,
	assigneeSchema,
	teamRefSchema,
	PRIORITIES,
} from './schemas-conversation.ts';
import type { InboundMessage } from './inbound-message.ts';
import { attachmentSchema, pushMessageSchema } from './schemas-message.ts';

const jsonObject = z.record(z.string(), z.unknown());
const accountRefSchema = z.object({ id: z.number().int(), name: z.string() });

const contactFields = {
	id: z.number().int(),
	name: z.string().nullable(),
	email: z.string().nullable(),
	/** Absent for Instagram and Messenger contacts. */
	phone_number: z.string().nullable().optional(),
	identifier: z.string().nullable(),
	custom_attributes: jsonObject,
	additional_attributes: jsonObject,
	blocked: z.boolean().optional(),
};

export const webhookConversationSchema = z.object({
	/** The display id, as REST paths take it. */
	id: z.number().int(),
	inbox_id: z.number().int(),
	channel: z.string(),
	status: conversationStatusSchema,
	can_reply: z.boolean(),
	labels: z.array(z.string()),
	custom_attributes: jsonObject,
	additional_attributes: jsonObject,
	priority: z.enum(PRIORITIES).nullable(),
	contact_inbox: z.object({
		id: z.number().int(),
		contact_id: z.number().int(),
		inbox_id: z.number().int(),
		/** For WhatsApp, the wa_id: the customer's number without "+". */
		source_id: z.string(),
	}),
	/** The last chat message when the payload was built: not necessarily the one that fired it. */
	messages: z.array(pushMessageSchema),
	meta: z.object({
		sender: z.object({ ...contactFields, type: z.literal('contact') }),
		assignee: assigneeSchema.nullable(),
		assignee_type: z.string().nullable(),
		team: teamRefSchema.nullable(),
	}),
	unread_count: z.number().int(),
	waiting_since: z.number(),
	last_activity_at: z.number(),
	created_at: z.number(),
	updated_at: z.number(),
	/** 4.14.2+. */
	account: accountRefSchema.optional(),
});
export type WebhookConversation = z.infer<typeof webhookConversationSchema>;

/** Top-level sender: contacts come without `type`, so tell them apart by message_type. */
export const webhookSenderSchema = z.union([
	z.object({
		type: z.literal('user'),
		id: z.number().int(),
		name: z.string(),
		email: z.string().optional(),
	}),
	z.object({ type: z.literal('agent_bot'), id: z.number().int(), name: z.string() }),
	z.object({ type: z.literal('captain_assistant'), id: z.number().int(), name: z.string() }),
	z.object(contactFields),
]);

export const messageEventSchema = z.object({
	event: z.enum(['message_created', 'message_updated']),
	id: z.number().int(),
	content: z.string().nullable(),
	content_type: z.string(),
	content_attributes: jsonObject,
	additional_attributes: jsonObject,
	message_type: z.enum(['incoming', 'outgoing', 'template', 'activity']),
	/** A private note: never show it to the customer. */
	private: z.boolean(),
	created_at: z.string(),
	source_id: z.string().nullable(),
	sender: webhookSenderSchema.nullable(),
	inbox: z.object({ id: z.number().int(), name: z.string() }),
	conversation: webhookConversationSchema,
	account: accountRefSchema,
	attachments: z.array(attachmentSchema).optional(),
});

const changedAttributesSchema = z.array(
	z.record(z.string(), z.object({ previous_value: z.unknown(), current_value: z.unknown() })),
);

export const conversationEventSchema = webhookConversationSchema.extend({
	event: z.enum([
		'conversation_created',
		'conversation_updated',
		'conversation_status_changed',
		'conversation_opened',
		'conversation_resolved',
	]),
	/** null on conversation_status_changed; read the new status from `status`. */
	changed_attributes: changedAttributesSchema.nullable().optional(),
});

export const contactEventSchema = z.object({
	...contactFields,
	event: z.enum(['contact_created', 'contact_updated']),
	account: accountRefSchema,
	changed_attributes: changedAttributesSchema.nullable().optional(),
});

export const chatwootWebhookSchema = z.discriminatedUnion('event', [
	messageEventSchema,
	conversationEventSchema,
	contactEventSchema,
]);
export type ChatwootWebhook = z.infer<typeof chatwootWebhookSchema>;
export type MessageEvent = z.infer<typeof messageEventSchema>;

/**
 * Chatwoot also sends private notes and every outgoing message, the bot's own included: only a
 * public incoming message is the customer talking.
 */
export function isCustomerMessage(payload: ChatwootWebhook): payload is MessageEvent {
	return (
		payload.event === 'message_created' && payload.message_type === 'incoming' && !payload.private
	);
}

/** The inbox bot keeps receiving after the hand-off; it should answer only while pending. */
export function shouldBotAnswer(payload: ChatwootWebhook): payload is MessageEvent {
	return isCustomerMessage(payload) && payload.conversation.status === 'pending';
}

/** Why the bot must leave a message event alone, most specific first (see botSkipReason). */
export const BOT_SKIP_REASONS = [
	'not_message_created',
	'private_note',
	'activity',
	'bot_sender',
	'agent_sender',
	/** A sender kind newer than this code: never taken for the customer. */
	'unknown_sender',
	'outgoing',
	'conversation_not_pending',
] as const;
export type BotSkipReason = (typeof BOT_SKIP_REASONS)[number];

/**
 * shouldBotAnswer with the reason when it is false, for counting and logging drops, read from the
 * tolerant record (inbound-message.ts). It is also stricter on the sender: an "incoming" message
 * written by an agent or a bot is skipped too. A missing status is not a reason: the workflow
 * re-reads the conversation before it acts.
 */
export function botSkipReason(message: InboundMessage): BotSkipReason | null {
	if (message.event !== 'message_created') return 'not_message_created';
	if (message.private === true) return 'private_note';
	if (message.message_type === 'activity') return 'activity';
	const sender = message.sender?.type ?? 'contact';
	if (sender === 'agent_bot') return 'bot_sender';
	if (sender === 'user' || sender === 'captain_assistant') return 'agent_sender';
	if (sender === 'other') return 'unknown_sender';
	const incoming =
		message.message_type === 'incoming' ||
		(message.message_type === null && message.sender !== null);
	if (!incoming) return 'outgoing';
	const status = message.conversation.status;
	if (status !== null && status !== 'pending') return 'conversation_not_pending';
	return null;
}
