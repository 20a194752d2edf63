// Carries out a plan through the Chatwoot client, in the plan's order: labels, custom attributes,
// teams, the agent bot, then the inboxes (which need the bot's id) and the account webhook.
import type { ChatwootClient } from '../client.ts';
import type { PlanStep, ChatwootPlan } from './plan.ts';

export interface AppliedChatwoot {
	/** Signs the agent bot's webhooks; null only in a dry run that would create the bot. */
	botSecret: string | null;
	/** What n8n acts as the bot with; Chatwoot shows it to administrators only. */
	botAccessToken: string | null;
	accountWebhookSecret: string | null;
	/** Each department's team id, by department key (null: no team, or a dry run creating it). */
	teamIds: Map<string, number | null>;
}

export async function applyChatwootPlan(
	client: ChatwootClient,
	plan: ChatwootPlan,
	dryRun: boolean,
): Promise<AppliedChatwoot> {
	let bot = plan.agentBot;
	let webhook = plan.accountWebhook;
	const teamIds = new Map<string, number | null>();
	for (const step of plan.steps) {
		const { action } = step.change;
		if (dryRun || action === 'unchanged') {
			if (step.type === 'team') teamIds.set(step.departmentKey, step.id);
			continue;
		}
		switch (step.type) {
			case 'label':
				await (step.id === null
					? client.labels.create(step.input)
					: client.labels.update(step.id, step.input));
				break;
			case 'custom attribute':
				await (step.id === null
					? client.customAttributeDefinitions.create(step.input)
					: client.customAttributeDefinitions.update(step.id, step.input));
				break;
			case 'team': {
				const team =
					step.id === null
						? await client.teams.create(step.input)
						: await client.teams.update(step.id, step.input);
				teamIds.set(step.departmentKey, team.id);
				break;
			}
			case 'agent bot':
				bot =
					step.id === null
						? await client.agentBots.create(step.input)
						: await client.agentBots.update(step.id, step.input);
				break;
			case 'inbox':
				await applyInbox(client, step, bot?.id ?? null);
				break;
			case 'account webhook':
				webhook =
					step.id === null
						? await client.webhooks.create(step.input)
						: await client.webhooks.update(step.id, step.input);
				break;
		}
	}
	return {
		botSecret: bot?.secret ?? null,
		botAccessToken: bot?.access_token ?? null,
		accountWebhookSecret: webhook?.secret ?? null,
		teamIds,
	};
}

async function applyInbox(
	client: ChatwootClient,
	step: Extract<PlanStep, { type: 'inbox' }>,
	botId: number | null,
): Promise<void> {
	if (Object.keys(step.input).length > 0) await client.inboxes.update(step.id, step.input);
	if (step.attachBot) {
		if (botId === null) throw new Error('chatwoot config: the agent bot has no id to attach');
		await client.inboxes.setAgentBot(step.id, botId);
	}
}
