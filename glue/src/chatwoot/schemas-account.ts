// Account-level records: inboxes, agents, teams, agent bots, webhooks.
import { z } from 'zod/v4';

const jsonObject = z.record(z.string(), z.unknown());

export const inboxSchema = z.object({
	id: z.number().int(),
	name: z.string(),
	channel_id: z.number().int(),
	channel_type: z.string(),
	/** WhatsApp: "+<E164>"; the department a message came to. */
	phone_number: z.string().nullable().optional(),
	provider: z.string().nullable().optional(),
	enable_auto_assignment: z.boolean().optional(),
	lock_to_single_conversation: z.boolean().optional(),
});
export type Inbox = z.infer<typeof inboxSchema>;

export const inboxListSchema = z
	.object({ payload: z.array(inboxSchema) })
	.transform((b) => b.payload);

export const agentSchema = z.object({
	id: z.number().int(),
	account_id: z.number().int(),
	name: z.string(),
	available_name: z.string().nullable().optional(),
	email: z.string(),
	role: z.enum(['agent', 'administrator']),
	availability_status: z.string(),
	confirmed: z.boolean().optional(),
});
export type Agent = z.infer<typeof agentSchema>;

export const teamSchema = z.object({
	id: z.number().int(),
	/** Chatwoot stores team names lower-cased. */
	name: z.string(),
	description: z.string().nullable(),
	allow_auto_assign: z.boolean(),
	account_id: z.number().int(),
	is_member: z.boolean().optional(),
});
export type Team = z.infer<typeof teamSchema>;

export const agentBotSchema = z.object({
	id: z.number().int(),
	name: z.string(),
	description: z.string().nullable().optional(),
	outgoing_url: z.string().nullable(),
	bot_type: z.string(),
	bot_config: jsonObject.optional(),
	account_id: z.number().int().nullable(),
	/** Administrators only. */
	access_token: z.string().optional(),
	/** Signs the bot's webhooks; administrators only. */
	secret: z.string().optional(),
});
export type AgentBot = z.infer<typeof agentBotSchema>;

export const webhookSchema = z.object({
	id: z.number().int(),
	name: z.string().nullable().optional(),
	url: z.string(),
	account_id: z.number().int(),
	subscriptions: z.array(z.string()),
	/** Signs this webhook's deliveries (4.12+). */
	secret: z.string().nullable().optional(),
	inbox: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookResponseSchema = z
	.object({ payload: z.object({ webhook: webhookSchema }) })
	.transform((b) => b.payload.webhook);

export const webhookListSchema = z
	.object({ payload: z.object({ webhooks: z.array(webhookSchema) }) })
	.transform((b) => b.payload.webhooks);
