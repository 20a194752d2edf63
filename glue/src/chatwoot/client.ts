// A typed client for the Chatwoot 4.15 Application API endpoints switchboard uses.
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import {
	agentsResource,
	inboxesResource,
	teamsResource,
	type AgentsResource,
	type InboxesResource,
	type TeamsResource,
} from './resource-account.ts';
import { contactsResource, type ContactsResource } from './resource-contacts.ts';
import { conversationsResource, type ConversationsResource } from './resource-conversations.ts';
import {
	agentBotsResource,
	webhooksResource,
	type AgentBotsResource,
	type WebhooksResource,
} from './resource-integrations.ts';
import {
	customAttributeDefinitionsResource,
	labelsResource,
	type CustomAttributeDefinitionsResource,
	type LabelsResource,
} from './resource-labels.ts';
import { messagesResource, type MessagesResource } from './resource-messages.ts';
import { createTransport, DEFAULT_RETRY_POLICY } from './transport.ts';

export interface ChatwootClientOptions {
	/** e.g. "https://chatwoot.example.com" (no /api suffix). */
	baseUrl: string;
	/** A user access token (Profile → Access Token) or an agent-bot token. */
	accessToken: string;
	accountId: number;
	/** Retries after the first attempt on 429 and 5xx; default 3. */
	retries?: number;
	/** First backoff step, doubled each retry, when Chatwoot sends no Retry-After; default 500. */
	retryBaseDelayMs?: number;
	/** Longest single wait, Retry-After included; default 30 000. */
	maxRetryDelayMs?: number;
	/** Per attempt; default 15 000. */
	timeoutMs?: number;
	httpAgent?: HttpAgent;
	httpsAgent?: HttpsAgent;
}

export interface ChatwootClient {
	accountId: number;
	conversations: ConversationsResource;
	messages: MessagesResource;
	contacts: ContactsResource;
	inboxes: InboxesResource;
	teams: TeamsResource;
	agents: AgentsResource;
	agentBots: AgentBotsResource;
	webhooks: WebhooksResource;
	labels: LabelsResource;
	customAttributeDefinitions: CustomAttributeDefinitionsResource;
}

export function createChatwootClient(options: ChatwootClientOptions): ChatwootClient {
	if (!/^https?:\/\//.test(options.baseUrl ?? '')) {
		throw new TypeError(
			'[switchboard/chatwoot] createChatwootClient: baseUrl must be an http(s) URL',
		);
	}
	if (!options.accessToken) {
		throw new TypeError('[switchboard/chatwoot] createChatwootClient: accessToken is required');
	}
	if (!Number.isInteger(options.accountId) || options.accountId <= 0) {
		throw new TypeError(
			'[switchboard/chatwoot] createChatwootClient: accountId must be a positive integer',
		);
	}
	const transport = createTransport({
		baseUrl: options.baseUrl,
		accessToken: options.accessToken,
		timeoutMs: options.timeoutMs ?? 15_000,
		retry: {
			attempts: (options.retries ?? DEFAULT_RETRY_POLICY.attempts - 1) + 1,
			baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
			maxDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
		},
		httpAgent: options.httpAgent,
		httpsAgent: options.httpsAgent,
	});
	const accountPath = `/api/v1/accounts/${options.accountId}`;
	return {
		accountId: options.accountId,
		conversations: conversationsResource(transport, accountPath),
		messages: messagesResource(transport, accountPath),
		contacts: contactsResource(transport, accountPath),
		inboxes: inboxesResource(transport, accountPath),
		teams: teamsResource(transport, accountPath),
		agents: agentsResource(transport, accountPath),
		agentBots: agentBotsResource(transport, accountPath),
		webhooks: webhooksResource(transport, accountPath),
		labels: labelsResource(transport, accountPath),
		customAttributeDefinitions: customAttributeDefinitionsResource(transport, accountPath),
	};
}

export {
	ChatwootApiError,
	ChatwootNotFoundError,
	ChatwootRateLimitedError,
	ChatwootResponseError,
	ChatwootUnauthorizedError,
	ChatwootUnreachableError,
	ChatwootValidationError,
} from './errors.ts';
export type {
	Agent,
	AgentBot,
	CustomAttributeDefinition,
	CustomAttributeDisplayType,
	CustomAttributeModel,
	Inbox,
	Label,
	Team,
	Webhook,
} from './schemas-account.ts';
export type { InboxUpdateInput, TeamInput } from './resource-account.ts';
export type { AgentBotInput, WebhookInput } from './resource-integrations.ts';
export type { CustomAttributeInput, LabelInput } from './resource-labels.ts';
export type { Contact, ContactSearchResult, CreatedContact } from './schemas-contact.ts';
export type {
	Conversation,
	ConversationList,
	ConversationStatus,
	Priority,
	ToggleStatusResult,
} from './schemas-conversation.ts';
export { messageTypeName, type Message, type MessageList, type Sender } from './schemas-message.ts';
export type { CreateMessageInput } from './resource-messages.ts';
export type { ListConversationsInput, ToggleStatusInput } from './resource-conversations.ts';
export type { CreateContactInput } from './resource-contacts.ts';
