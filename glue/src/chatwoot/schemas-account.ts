// Account-level records: inboxes, agents, teams, agent bots, webhooks, labels, custom attributes.
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
	/** WhatsApp, administrators only: `phone_number_id` is what Meta's payloads must carry. */
	provider_config: jsonObject.nullable().optional(),
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

/** GET /inboxes/:id/agent_bot answers `{agent_bot: {}}` when none is attached. */
export const inboxAgentBotSchema = z
	.object({ agent_bot: z.union([agentBotSchema, z.object({}).strict()]) })
	.transform((b): AgentBot | null => {
		const parsed = agentBotSchema.safeParse(b.agent_bot);
		return parsed.success ? parsed.data : null;
	});

export const labelSchema = z.object({
	id: z.number().int(),
	/** Chatwoot stores titles lower-cased. */
	title: z.string(),
	description: z.string().nullable().optional(),
	color: z.string().nullable().optional(),
	show_on_sidebar: z.boolean().nullable().optional(),
});
export type Label = z.infer<typeof labelSchema>;

export const labelListSchema = z
	.object({ payload: z.array(labelSchema) })
	.transform((b) => b.payload);

export const CUSTOM_ATTRIBUTE_MODELS = ['conversation_attribute', 'contact_attribute'] as const;
export type CustomAttributeModel = (typeof CUSTOM_ATTRIBUTE_MODELS)[number];
export const CUSTOM_ATTRIBUTE_DISPLAY_TYPES = [
	'text',
	'number',
	'currency',
	'percent',
	'link',
	'date',
	'list',
	'checkbox',
] as const;
export type CustomAttributeDisplayType = (typeof CUSTOM_ATTRIBUTE_DISPLAY_TYPES)[number];

export const customAttributeDefinitionSchema = z.object({
	id: z.number().int(),
	attribute_key: z.string(),
	attribute_display_name: z.string(),
	/** Rendered as the enum name ("list"); strings so a newer type does not break the client. */
	attribute_display_type: z.string(),
	/** "conversation_attribute" or "contact_attribute" (newer versions add more). */
	attribute_model: z.string(),
	attribute_description: z.string().nullable().optional(),
	attribute_values: z.array(z.unknown()).nullable().optional(),
	regex_pattern: z.string().nullable().optional(),
	regex_cue: z.string().nullable().optional(),
});
export type CustomAttributeDefinition = z.infer<typeof customAttributeDefinitionSchema>;
