// Inboxes, agents and teams: what routing by department reads and an installer sets up.
import { z } from 'zod/v4';
import {
	agentSchema,
	inboxListSchema,
	inboxSchema,
	teamSchema,
	type Agent,
	type Inbox,
	type Team,
} from './schemas-account.ts';
import type { Transport } from './transport.ts';

export interface InboxesResource {
	/** Agents only see the inboxes they belong to. */
	list(): Promise<Inbox[]>;
	get(inboxId: number): Promise<Inbox>;
	/** null detaches; while a bot is attached, new conversations start pending. */
	setAgentBot(inboxId: number, agentBotId: number | null): Promise<void>;
}

export interface TeamsResource {
	list(): Promise<Team[]>;
	/** The name comes back lower-cased. Administrators only. */
	create(input: { name: string; description?: string; allow_auto_assign?: boolean }): Promise<Team>;
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
