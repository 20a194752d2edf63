// Inboxes, agents and teams: what routing by department reads and an installer sets up.
import { z } from 'zod/v4';
import {
	agentSchema,
	inboxAgentBotSchema,
	inboxListSchema,
	inboxSchema,
	teamSchema,
	type Agent,
	type AgentBot,
	type Inbox,
	type Team,
} from './schemas-account.ts';
import type { Transport } from './transport.ts';

/** The inbox's own settings; a WhatsApp channel's number and Meta credentials are not among them. */
export interface InboxUpdateInput {
	name?: string;
	enable_auto_assignment?: boolean;
	lock_to_single_conversation?: boolean;
}

export interface TeamInput {
	/** Lower-cased by Chatwoot. */
	name?: string;
	description?: string;
	allow_auto_assign?: boolean;
}

export interface InboxesResource {
	/** Agents only see the inboxes they belong to. */
	list(): Promise<Inbox[]>;
	get(inboxId: number): Promise<Inbox>;
	/** Administrators only. */
	update(inboxId: number, input: InboxUpdateInput): Promise<Inbox>;
	/** The inbox bot, or null when none is attached. */
	agentBot(inboxId: number): Promise<AgentBot | null>;
	/** null detaches; while a bot is attached, new conversations start pending. */
	setAgentBot(inboxId: number, agentBotId: number | null): Promise<void>;
}

export interface TeamsResource {
	list(): Promise<Team[]>;
	/** The name comes back lower-cased. Administrators only. */
	create(input: TeamInput & { name: string }): Promise<Team>;
	/** Administrators only. */
	update(teamId: number, input: TeamInput): Promise<Team>;
	listMembers(teamId: number): Promise<Agent[]>;
	/** Answers only the agents that were not members yet. */
	addMembers(teamId: number, userIds: number[]): Promise<Agent[]>;
}

export interface AgentsResource {
	list(): Promise<Agent[]>;
}

export function inboxesResource(transport: Transport, accountPath: string): InboxesResource {
	return {
		list: () =>
			transport.request(inboxListSchema, { method: 'GET', path: `${accountPath}/inboxes` }),
		get: (id) =>
			transport.request(inboxSchema, { method: 'GET', path: `${accountPath}/inboxes/${id}` }),
		update: (id, input) =>
			transport.request(inboxSchema, {
				method: 'PATCH',
				path: `${accountPath}/inboxes/${id}`,
				body: input,
			}),
		agentBot: (id) =>
			transport.request(inboxAgentBotSchema, {
				method: 'GET',
				path: `${accountPath}/inboxes/${id}/agent_bot`,
			}),
		setAgentBot: (id, agentBotId) =>
			transport.send({
				method: 'POST',
				path: `${accountPath}/inboxes/${id}/set_agent_bot`,
				body: { agent_bot: agentBotId },
			}),
	};
}

export function teamsResource(transport: Transport, accountPath: string): TeamsResource {
	const members = (id: number) => `${accountPath}/teams/${id}/team_members`;
	return {
		list: () =>
			transport.request(z.array(teamSchema), { method: 'GET', path: `${accountPath}/teams` }),
		create: (input) =>
			transport.request(teamSchema, {
				method: 'POST',
				path: `${accountPath}/teams`,
				body: input,
				idempotent: false,
			}),
		update: (id, input) =>
			transport.request(teamSchema, {
				method: 'PATCH',
				path: `${accountPath}/teams/${id}`,
				body: input,
			}),
		listMembers: (id) =>
			transport.request(z.array(agentSchema), { method: 'GET', path: members(id) }),
		addMembers: (id, userIds) =>
			transport.request(z.array(agentSchema), {
				method: 'POST',
				path: members(id),
				body: { user_ids: userIds },
			}),
	};
}

export function agentsResource(transport: Transport, accountPath: string): AgentsResource {
	return {
		list: () =>
			transport.request(z.array(agentSchema), { method: 'GET', path: `${accountPath}/agents` }),
	};
}
