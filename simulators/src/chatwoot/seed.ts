import { z } from 'zod/v4';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_ACCOUNT_NAME,
	CHATWOOT_SIM_ADMIN_ID,
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_SOCIAL_INBOXES,
	CHATWOOT_SIM_TEAMS,
	CHATWOOT_SIM_USER_TOKEN,
	DEPARTMENTS,
} from './constants.ts';
import { DEFAULT_SUBSCRIPTIONS } from './events.ts';

const id = z.number().int().positive();

// What POST /__sim/seed and createChatwootSimulator({ seed }) accept. Our own format (camelCase),
// not Chatwoot's: it stands for rows an installer would have created through the UI or rails console.
export const seedSchema = z.object({
	accounts: z
		.array(
			z.object({
				id,
				name: z.string().min(1),
				keepPendingOnBotFailure: z.boolean().default(false),
			}),
		)
		.min(1, 'a seed needs at least one account'),
	users: z
		.array(
			z.object({
				id,
				accountId: id,
				name: z.string().min(1),
				email: z.string().min(3),
				role: z.enum(['administrator', 'agent']).default('agent'),
				accessToken: z.string().min(1),
				// Offline unless said otherwise: nobody has the dashboard open in a simulator, and online
				// agents get conversations auto-assigned.
				availability: z.enum(['online', 'busy', 'offline']).default('offline'),
			}),
		)
		.default([]),
	inboxes: z
		.array(
			z.object({
				id,
				accountId: id,
				name: z.string().min(1),
				channelType: z.enum(['whatsapp', 'api', 'facebook', 'instagram']).default('whatsapp'),
				phoneNumber: z
					.string()
					.regex(/^\+[1-9]\d{1,14}$/, 'phoneNumber must be E.164 with a leading "+"')
					.nullable()
					.default(null),
				phoneNumberId: z.string().nullable().default(null),
				memberIds: z.array(id).default([]),
				agentBotId: id.nullable().default(null),
				lockToSingleConversation: z.boolean().default(false),
				enableAutoAssignment: z.boolean().default(true),
			}),
		)
		.default([]),
	teams: z
		.array(
			z.object({
				id,
				accountId: id,
				name: z.string().min(1),
				description: z.string().nullable().default(null),
				allowAutoAssign: z.boolean().default(true),
				memberIds: z.array(id).default([]),
			}),
		)
		.default([]),
	agentBots: z
		.array(
			z.object({
				id,
				accountId: id,
				name: z.string().min(1),
				description: z.string().nullable().default(null),
				outgoingUrl: z.url().nullable().default(null),
				accessToken: z.string().min(1),
				secret: z.string().min(1),
			}),
		)
		.default([]),
	webhooks: z
		.array(
			z.object({
				id,
				accountId: id,
				name: z.string().nullable().default(null),
				url: z.url(),
				subscriptions: z.array(z.string()).default([...DEFAULT_SUBSCRIPTIONS]),
				secret: z.string().min(1),
			}),
		)
		.default([]),
});
export type SeedInput = z.input<typeof seedSchema>;
export type Seed = z.output<typeof seedSchema>;

export interface DefaultSeedOptions {
	/** Where the triage bot's webhooks go (n8n); without one the bot is attached but never called. */
	botOutgoingUrl?: string | null;
	/** Attach the bot to every inbox, so new conversations start pending. Default true. */
	attachBot?: boolean;
}

/**
 * Account 1 with WhatsApp inboxes Sales, Support and Billing, a Messenger and an Instagram inbox,
 * the departments' teams and agents, and a bot.
 */
export function defaultSeed(options: DefaultSeedOptions = {}): SeedInput {
	const attachBot = options.attachBot ?? true;
	const admin = {
		id: CHATWOOT_SIM_ADMIN_ID,
		accountId: CHATWOOT_SIM_ACCOUNT_ID,
		name: 'Ada Admin',
		email: 'admin@switchboard.test',
		role: 'administrator' as const,
		accessToken: CHATWOOT_SIM_USER_TOKEN,
	};
	return {
		accounts: [{ id: CHATWOOT_SIM_ACCOUNT_ID, name: CHATWOOT_SIM_ACCOUNT_NAME }],
		users: [
			admin,
			...DEPARTMENTS.map((d) => {
				const agent = CHATWOOT_SIM_AGENTS[d];
				const { id: agentId, name, email, token } = agent;
				return { id: agentId, accountId: CHATWOOT_SIM_ACCOUNT_ID, name, email, accessToken: token };
			}),
		],
		inboxes: [
			...DEPARTMENTS.map((d) => ({
				...CHATWOOT_SIM_INBOXES[d],
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
				memberIds: [CHATWOOT_SIM_AGENTS[d].id],
				agentBotId: attachBot ? CHATWOOT_SIM_BOT_ID : null,
			})),
			...Object.values(CHATWOOT_SIM_SOCIAL_INBOXES).map(({ department, ...inbox }) => ({
				...inbox,
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
				memberIds: [CHATWOOT_SIM_AGENTS[department].id],
				agentBotId: attachBot ? CHATWOOT_SIM_BOT_ID : null,
			})),
		],
		teams: DEPARTMENTS.map((d) => ({
			...CHATWOOT_SIM_TEAMS[d],
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			memberIds: [CHATWOOT_SIM_AGENTS[d].id],
		})),
		agentBots: [
			{
				id: CHATWOOT_SIM_BOT_ID,
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
				name: 'Switchboard Triage',
				outgoingUrl: options.botOutgoingUrl ?? null,
				accessToken: CHATWOOT_SIM_BOT_TOKEN,
				secret: CHATWOOT_SIM_BOT_SECRET,
			},
		],
	};
}
