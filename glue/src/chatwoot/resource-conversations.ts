import {
	agentBotSchema,
	agentSchema,
	teamSchema,
	type Agent,
	type AgentBot,
	type Team,
} from './schemas-account.ts';
import {
	conversationListSchema,
	conversationSchema,
	customAttributesSchema,
	labelsSchema,
	toggleStatusSchema,
	type Conversation,
	type ConversationList,
	type ConversationStatus,
	type Priority,
	type ToggleStatusResult,
} from './schemas-conversation.ts';
import { addConversationLabels } from './conversation-labels.ts';
import type { Transport } from './transport.ts';

export interface ListConversationsInput {
	/** Default `open`; `all` for every status. */
	status?: ConversationStatus | 'all';
	assignee_type?: 'me' | 'unassigned' | 'assigned' | 'all';
	inbox_id?: number;
	team_id?: number;
	labels?: string[];
	/** Searches message content. */
	q?: string;
	sort_by?: string;
	/**
	 * Positive whole seconds: only conversations updated within them, all in one page (no paging).
	 * The meta counts ignore it.
	 */
	updated_within?: number;
	/** 1-based, 25 per page; no page count, stop on a short page. Ignored with updated_within. */
	page?: number;
}

export interface ToggleStatusInput {
	/** Omit to toggle: open ↔ resolved, pending and snoozed go to open. */
	status?: ConversationStatus;
	/** Unix seconds, with status `snoozed`. */
	snoozed_until?: number;
}

export interface ConversationsResource {
	get(conversationId: number): Promise<Conversation>;
	list(input?: ListConversationsInput): Promise<ConversationList>;
	/** A bot moving its pending conversation to open is the hand-off to humans. */
	toggleStatus(conversationId: number, input?: ToggleStatusInput): Promise<ToggleStatusResult>;
	setPriority(conversationId: number, priority: Priority | null): Promise<void>;
	/** null unassigns. An id Chatwoot does not know also unassigns, and answers null. */
	assignAgent(conversationId: number, agentId: number | null): Promise<Agent | null>;
	/** Drops an assignee who is not in the team; auto-assigns an online member if the team allows. */
	assignTeam(conversationId: number, teamId: number | null): Promise<Team | null>;
	assignAgentBot(conversationId: number, agentBotId: number): Promise<AgentBot>;
	listLabels(conversationId: number): Promise<string[]>;
	/** Replaces the whole list. */
	setLabels(conversationId: number, labels: string[]): Promise<string[]>;
	/**
	 * Reads, writes the union when something is missing, and re-reads to repair a concurrent writer's
	 * save that dropped ours (addConversationLabels): the API has no atomic add.
	 */
	addLabels(conversationId: number, labels: string[]): Promise<string[]>;
	/** Replaces the whole hash; merge with get().custom_attributes yourself to add keys. */
	setCustomAttributes(
		conversationId: number,
		attributes: Record<string, unknown>,
	): Promise<Record<string, unknown>>;
}

export function conversationsResource(
	transport: Transport,
	accountPath: string,
): ConversationsResource {
	const path = (id: number, suffix = '') => `${accountPath}/conversations/${id}${suffix}`;
	const listLabels = (id: number) =>
		transport.request(labelsSchema, { method: 'GET', path: path(id, '/labels') });
	const setLabels = (id: number, labels: string[]) =>
		transport.request(labelsSchema, {
			method: 'POST',
			path: path(id, '/labels'),
			body: { labels },
		});
	const assign = (id: number, body: Record<string, unknown>) => ({
		method: 'POST' as const,
		path: path(id, '/assignments'),
		body,
	});
	return {
		get: (id) => transport.request(conversationSchema, { method: 'GET', path: path(id) }),
		list: async (input = {}) => {
			const { updated_within } = input;
			// Chatwoot answers 0 or less with an empty list and truncates a fraction, never an error.
			if (
				updated_within !== undefined &&
				!(Number.isInteger(updated_within) && updated_within > 0)
			) {
				throw new TypeError(
					`[switchboard/chatwoot] conversations.list: updated_within must be a positive whole number of seconds, got ${String(updated_within)}`,
				);
			}
			return transport.request(conversationListSchema, {
				method: 'GET',
				path: `${accountPath}/conversations`,
				query: { ...input, labels: input.labels },
			});
		},
		toggleStatus: (id, input = {}) =>
			transport.request(toggleStatusSchema, {
				method: 'POST',
				path: path(id, '/toggle_status'),
				body: input,
			}),
		setPriority: (id, priority) =>
			transport.send({ method: 'POST', path: path(id, '/toggle_priority'), body: { priority } }),
		assignAgent: (id, agentId) =>
			transport.request(agentSchema.nullable(), assign(id, { assignee_id: agentId })),
		assignTeam: (id, teamId) =>
			transport.request(teamSchema.nullable(), assign(id, { team_id: teamId })),
		assignAgentBot: (id, agentBotId) =>
			transport.request(
				agentBotSchema,
				assign(id, { assignee_id: agentBotId, assignee_type: 'AgentBot' }),
			),
		listLabels,
		setLabels,
		addLabels: (id, labels) =>
			addConversationLabels({ list: listLabels, set: setLabels }, id, labels),
		setCustomAttributes: (id, attributes) =>
			transport.request(customAttributesSchema, {
				method: 'POST',
				path: path(id, '/custom_attributes'),
				body: { custom_attributes: attributes },
			}),
	};
}
