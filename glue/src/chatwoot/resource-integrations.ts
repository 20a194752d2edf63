// Agent bots and account webhooks: how n8n gets Chatwoot's events. Administrators only.
import { z } from 'zod/v4';
import {
	agentBotSchema,
	webhookListSchema,
	webhookResponseSchema,
	type AgentBot,
	type Webhook,
} from './schemas-account.ts';
import type { Transport } from './transport.ts';

export interface AgentBotInput {
	name?: string;
	description?: string;
	/** Where Chatwoot posts the bot's events (retried on 429/500, 3 attempts). */
	outgoing_url?: string;
	avatar_url?: string;
	bot_config?: Record<string, unknown>;
}

export interface WebhookInput {
	url?: string;
	name?: string;
	/** Defaults to every conversation, contact and message event. */
	subscriptions?: string[];
}

export interface AgentBotsResource {
	list(): Promise<AgentBot[]>;
	create(input: AgentBotInput & { name: string }): Promise<AgentBot>;
	update(agentBotId: number, input: AgentBotInput): Promise<AgentBot>;
	delete(agentBotId: number): Promise<void>;
}

/** Account webhooks get every inbox's events (inbox_id does not filter), one attempt, no retry. */
export interface WebhooksResource {
	list(): Promise<Webhook[]>;
	create(input: WebhookInput & { url: string }): Promise<Webhook>;
	update(webhookId: number, input: WebhookInput): Promise<Webhook>;
	delete(webhookId: number): Promise<void>;
}

export function agentBotsResource(transport: Transport, accountPath: string): AgentBotsResource {
	const base = `${accountPath}/agent_bots`;
	return {
		list: () => transport.request(z.array(agentBotSchema), { method: 'GET', path: base }),
		create: (input) =>
			transport.request(agentBotSchema, {
				method: 'POST',
				path: base,
				body: { ...input, bot_type: 0 },
				idempotent: false,
			}),
		update: (id, input) =>
			transport.request(agentBotSchema, { method: 'PATCH', path: `${base}/${id}`, body: input }),
		delete: (id) => transport.send({ method: 'DELETE', path: `${base}/${id}` }),
	};
}

export function webhooksResource(transport: Transport, accountPath: string): WebhooksResource {
	const base = `${accountPath}/webhooks`;
	return {
		list: () => transport.request(webhookListSchema, { method: 'GET', path: base }),
		create: (input) =>
			transport.request(webhookResponseSchema, {
				method: 'POST',
				path: base,
				body: input,
				idempotent: false,
			}),
		update: (id, input) =>
			transport.request(webhookResponseSchema, {
				method: 'PATCH',
				path: `${base}/${id}`,
				body: input,
			}),
		delete: (id) => transport.send({ method: 'DELETE', path: `${base}/${id}` }),
	};
}
