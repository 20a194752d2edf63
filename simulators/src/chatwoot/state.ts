import { Table } from './table.ts';
import type {
	Account,
	AgentBot,
	Contact,
	ContactInbox,
	Conversation,
	CustomAttributeDefinition,
	Inbox,
	Label,
	Message,
	Team,
	User,
	Webhook,
} from './types.ts';

export type TokenOwner = { kind: 'user'; user: User } | { kind: 'agent_bot'; bot: AgentBot };

/** Conversation and message ids an earlier run handed out (see ChatwootSimulatorOptions.idsAfter). */
export interface IdFloor {
	conversation: number;
	message: number;
}

/** The simulator's whole store, with the look-ups the handlers and presenters need. */
export class ChatwootState {
	readonly accounts = new Table<Account>();
	readonly users = new Table<User>();
	readonly inboxes = new Table<Inbox>();
	readonly teams = new Table<Team>();
	readonly agentBots = new Table<AgentBot>();
	readonly contacts = new Table<Contact>();
	readonly contactInboxes = new Table<ContactInbox>();
	readonly conversations = new Table<Conversation>();
	readonly messages = new Table<Message>();
	readonly webhooks = new Table<Webhook>();
	readonly labels = new Table<Label>();
	readonly customAttributeDefinitions = new Table<CustomAttributeDefinition>();
	/** Attachment ids share one sequence across messages. */
	private nextAttachmentId = 1;

	private readonly idsAfter: IdFloor;

	constructor(idsAfter: IdFloor = { conversation: 0, message: 0 }) {
		this.idsAfter = idsAfter;
		this.numberAfterFloor();
	}

	private numberAfterFloor(): void {
		this.conversations.numberAfter(this.idsAfter.conversation);
		this.messages.numberAfter(this.idsAfter.message);
	}

	clear(): void {
		for (const table of [
			this.accounts,
			this.users,
			this.inboxes,
			this.teams,
			this.agentBots,
			this.contacts,
			this.contactInboxes,
			this.conversations,
			this.messages,
			this.webhooks,
			this.labels,
			this.customAttributeDefinitions,
		] as Table<{ id: number }>[]) {
			table.clear();
		}
		this.nextAttachmentId = 1;
		this.numberAfterFloor();
	}

	attachmentId(): number {
		return this.nextAttachmentId++;
	}

	tokenOwner(token: string): TokenOwner | undefined {
		const user = this.users.find((u) => u.accessToken === token);
		if (user) return { kind: 'user', user };
		const bot = this.agentBots.find((b) => b.accessToken === token);
		return bot ? { kind: 'agent_bot', bot } : undefined;
	}

	conversationByDisplayId(accountId: number, displayId: number): Conversation | undefined {
		return this.conversations.find((c) => c.accountId === accountId && c.displayId === displayId);
	}

	nextDisplayId(accountId: number): number {
		const ids = this.conversations.filter((c) => c.accountId === accountId).map((c) => c.displayId);
		return Math.max(this.idsAfter.conversation, ...ids) + 1;
	}

	inboxByPhone(phoneNumber: string): Inbox | undefined {
		return this.inboxes.find((i) => i.phoneNumber === phoneNumber);
	}

	contactInboxBySource(inboxId: number, sourceId: string): ContactInbox | undefined {
		return this.contactInboxes.find((ci) => ci.inboxId === inboxId && ci.sourceId === sourceId);
	}

	contactInboxesOf(contactId: number): ContactInbox[] {
		return this.contactInboxes.filter((ci) => ci.contactId === contactId);
	}

	/** Messages of a conversation, oldest first (Message default_scope). */
	messagesOf(conversationId: number): Message[] {
		return this.messages
			.filter((m) => m.conversationId === conversationId)
			.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
	}

	conversationsOf(contactInboxId: number): Conversation[] {
		return this.conversations
			.filter((c) => c.contactInboxId === contactInboxId)
			.sort((a, b) => a.id - b.id);
	}

	/** The inbox bot, when one is attached and still exists. */
	inboxBot(inbox: Inbox): AgentBot | undefined {
		return inbox.agentBotId === null ? undefined : this.agentBots.get(inbox.agentBotId);
	}

	/** A bot may use an account it belongs to, or one where it is attached to an inbox. */
	botCanAccessAccount(bot: AgentBot, accountId: number): boolean {
		if (bot.accountId === accountId) return true;
		return this.inboxes
			.filter((i) => i.accountId === accountId)
			.some((i) => i.agentBotId === bot.id);
	}

	accountOf(accountId: number): Account {
		return mustExist(this.accounts.get(accountId), 'account', accountId);
	}

	inboxOf(conversation: Conversation): Inbox {
		return mustExist(this.inboxes.get(conversation.inboxId), 'inbox', conversation.inboxId);
	}

	contactOf(conversation: Conversation): Contact {
		return mustExist(this.contacts.get(conversation.contactId), 'contact', conversation.contactId);
	}

	contactInboxOf(conversation: Conversation): ContactInbox {
		const id = conversation.contactInboxId;
		return mustExist(this.contactInboxes.get(id), 'contact inbox', id);
	}
}

// Records reference each other by id; a dangling id is a simulator bug, not a client error.
function mustExist<T>(row: T | undefined, what: string, id: number): T {
	if (row === undefined)
		throw new Error(`chatwoot simulator: ${what} ${id} is missing from the store`);
	return row;
}
