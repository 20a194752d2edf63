// REST message shapes (Chatwoot 4.15). REST carries message_type as an integer; webhooks carry a
// string, see webhook-payload.ts.
import { z } from 'zod/v4';

const jsonObject = z.record(z.string(), z.unknown());

/** REST message_type integers, in Message's enum order. */
export const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;
export type MessageTypeName = (typeof MESSAGE_TYPES)[number];

export function messageTypeName(value: number): MessageTypeName | undefined {
	return MESSAGE_TYPES[value];
}

export const contactSenderSchema = z.object({
	type: z.literal('contact'),
	id: z.number().int(),
	name: z.string().nullable(),
	email: z.string().nullable().optional(),
	phone_number: z.string().nullable().optional(),
	identifier: z.string().nullable().optional(),
	custom_attributes: jsonObject.optional(),
	additional_attributes: jsonObject.optional(),
});

export const userSenderSchema = z.object({
	type: z.literal('user'),
	id: z.number().int(),
	name: z.string(),
	available_name: z.string().nullable().optional(),
	availability_status: z.string().nullable().optional(),
});

export const agentBotSenderSchema = z.object({
	type: z.literal('agent_bot'),
	id: z.number().int(),
	name: z.string(),
});

export const captainSenderSchema = z.object({
	type: z.literal('captain_assistant'),
	id: z.number().int(),
	name: z.string(),
});

/** Push-format sender: who wrote a message, told apart by `type`. */
export const senderSchema = z.discriminatedUnion('type', [
	contactSenderSchema,
	userSenderSchema,
	agentBotSenderSchema,
	captainSenderSchema,
]);
export type Sender = z.infer<typeof senderSchema>;

export const attachmentSchema = z.object({
	id: z.number().int(),
	message_id: z.number().int(),
	file_type: z.string(),
	account_id: z.number().int(),
	extension: z.string().nullable().optional(),
	content_type: z.string().nullable().optional(),
	data_url: z.string().nullable().optional(),
	thumb_url: z.string().nullable().optional(),
	file_size: z.number().nullable().optional(),
	width: z.number().nullable().optional(),
	height: z.number().nullable().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
	id: z.number().int(),
	content: z.string().nullable(),
	inbox_id: z.number().int(),
	conversation_id: z.number().int(),
	message_type: z.number().int().min(0).max(3),
	content_type: z.string(),
	status: z.string(),
	content_attributes: jsonObject,
	created_at: z.number().int(),
	private: z.boolean(),
	source_id: z.string().nullable(),
	echo_id: z.string().nullable().optional(),
	sender: senderSchema.optional(),
	attachments: z.array(attachmentSchema).optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const messageListSchema = z.object({
	meta: z.object({
		labels: z.array(z.string()).optional(),
		additional_attributes: jsonObject.optional(),
	}),
	payload: z.array(messageSchema),
});
export type MessageList = z.infer<typeof messageListSchema>;

/** The conversation's last message inside REST conversations (push format). */
export const pushMessageSchema = z.object({
	id: z.number().int(),
	content: z.string().nullable(),
	message_type: z.number().int().min(0).max(3),
	created_at: z.number().int(),
	private: z.boolean(),
	status: z.string().nullable().optional(),
	source_id: z.string().nullable(),
	content_type: z.string().nullable().optional(),
	sender_type: z.string().nullable().optional(),
	sender_id: z.number().int().nullable().optional(),
	sender: senderSchema.optional(),
	attachments: z.array(attachmentSchema).optional(),
});
export type PushMessage = z.infer<typeof pushMessageSchema>;
