// The REST conversation (_conversation.json.jbuilder). Unlike the webhook one it has no
// contact_inbox, and meta.assignee / meta.team are absent rather than null when unset.
import { z } from 'zod/v4';
import { contactSchema } from './schemas-contact.ts';
import { pushMessageSchema } from './schemas-message.ts';

const jsonObject = z.record(z.string(), z.unknown());

export const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const assigneeSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('user'),
		id: z.number().int(),
		name: z.string(),
		available_name: z.string().nullable().optional(),
		availability_status: z.string().nullable().optional(),
	}),
	z.object({ type: z.literal('agent_bot'), id: z.number().int(), name: z.string() }),
	// Chatwoot 4.17+ (enterprise): a Captain assistant owns the conversation.
	z.object({ type: z.literal('captain_assistant'), id: z.number().int(), name: z.string() }),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export const teamRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const conversationSchema = z.object({
	/** The display id: what every /conversations/{id} path takes. */
	id: z.number().int(),
	account_id: z.number().int(),
	inbox_id: z.number().int(),
	uuid: z.string().optional(),
	status: conversationStatusSchema,
	labels: z.array(z.string()),
	custom_attributes: jsonObject,
	additional_attributes: jsonObject,
	priority: z.enum(PRIORITIES).nullable(),
	can_reply: z.boolean(),
	unread_count: z.number().int(),
	created_at: z.number(),
	updated_at: z.number(),
	last_activity_at: z.number(),
	waiting_since: z.number().nullable(),
	snoozed_until: z.union([z.number(), z.string()]).nullable(),
	messages: z.array(pushMessageSchema),
	/** Newest message that is not an activity line; older servers may leave it out. */
	last_non_activity_message: pushMessageSchema.nullable().optional(),
	meta: z.object({
		sender: contactSchema,
		channel: z.string(),
		assignee: assigneeSchema.optional(),
		assignee_type: z.string().nullable().optional(),
		team: teamRefSchema.optional(),
		hmac_verified: z.boolean().nullable().optional(),
	}),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z
	.object({
		data: z.object({
			meta: z.object({
				mine_count: z.number().int(),
				assigned_count: z.number().int(),
				unassigned_count: z.number().int(),
				all_count: z.number().int(),
			}),
			payload: z.array(conversationSchema),
		}),
	})
	.transform((body) => body.data);
export type ConversationList = z.output<typeof conversationListSchema>;

/** `success` is null when a bot hands a pending conversation over (bot_handoff!). */
export const toggleStatusSchema = z
	.object({
		payload: z.object({
			success: z.boolean().nullable(),
			conversation_id: z.number().int(),
			current_status: conversationStatusSchema,
			snoozed_until: z.union([z.number(), z.string()]).nullable().optional(),
		}),
	})
	.transform((body) => body.payload);
export type ToggleStatusResult = z.output<typeof toggleStatusSchema>;

export const labelsSchema = z.object({ payload: z.array(z.string()) }).transform((b) => b.payload);

export const customAttributesSchema = z
	.object({ custom_attributes: jsonObject })
	.transform((b) => b.custom_attributes);
