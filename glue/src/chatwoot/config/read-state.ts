// Everything the plan compares the config with, read before anything is written.
import { ChatwootUnauthorizedError } from '../errors.ts';
import type { ChatwootClient } from '../client.ts';
import type {
	AgentBot,
	CustomAttributeDefinition,
	Inbox,
	Label,
	Team,
	Webhook,
} from '../schemas-account.ts';
import { ChatwootConfigStateError } from './chatwoot-config-state-error.ts';
import { SOCIAL_CHANNELS, type ChatwootConfig, type SocialChannel } from './config-schema.ts';

export interface ChatwootState {
	labels: Label[];
	customAttributes: CustomAttributeDefinition[];
	teams: Team[];
	inboxes: Inbox[];
	/** The bot attached to each inbox the config names, by inbox id (null: none). */
	inboxBots: Map<number, number | null>;
	agentBots: AgentBot[];
	webhooks: Webhook[];
}

export async function readChatwootState(
	client: ChatwootClient,
	config: ChatwootConfig,
): Promise<ChatwootState> {
	try {
		// Administrators only: an agent's token fails here, before anything else is asked.
		const webhooks = await client.webhooks.list();
		const [labels, customAttributes, teams, inboxes, agentBots] = await Promise.all([
			client.labels.list(),
			client.customAttributeDefinitions.list(),
			client.teams.list(),
			client.inboxes.list(),
			client.agentBots.list(),
		]);
		const numbers = new Set(config.departments.flatMap((d) => d.whatsapp.map((w) => w.number)));
		const social = new Set(
			config.departments.flatMap((d) =>
				(Object.keys(SOCIAL_CHANNELS) as SocialChannel[]).flatMap((channel) =>
					d[channel].map((s) => `${SOCIAL_CHANNELS[channel].channelType} ${s.inbox}`),
				),
			),
		);
		const named = inboxes.filter(
			(inbox) =>
				numbers.has(inbox.phone_number ?? '') || social.has(`${inbox.channel_type} ${inbox.name}`),
		);
		const bots = await Promise.all(named.map((inbox) => client.inboxes.agentBot(inbox.id)));
		const inboxBots = new Map(named.map((inbox, index) => [inbox.id, bots[index]?.id ?? null]));
		return { labels, customAttributes, teams, inboxes, inboxBots, agentBots, webhooks };
	} catch (error) {
		if (
			error instanceof ChatwootUnauthorizedError &&
			error.chatwootMessage.includes('this action')
		) {
			throw new ChatwootConfigStateError([
				`the access token is not an administrator's (Chatwoot: "${error.chatwootMessage}"); ` +
					"use an administrator's token from Chatwoot's Profile settings",
			]);
		}
		throw error;
	}
}
