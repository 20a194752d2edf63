// Webhook payloads (#webhook_data of Message, Conversation and Contact), key for key as in §2.4 and
// reference/chatwoot/examples/. Key order follows Chatwoot's, although JSON receivers should not care.
import { floatSeconds, isoOrNull, isoTime, unixSeconds } from './clock.ts';
import type { ViewDeps } from './deps.ts';
import {
	botPush,
	contactFields,
	contactPush,
	messagePush,
	unreadCount,
	attachmentPush,
	userPush,
} from './present-push.ts';
import { channelType } from './present-rest.ts';
import type { ChatwootState } from './state.ts';
import type { Account, Contact, Conversation, Message, SenderRef } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function accountData(account: Account) {
	return { id: account.id, name: account.name };
}

export function contactWebhookData(state: ChatwootState, contact: Contact) {
	return {
		account: accountData(state.accountOf(contact.accountId)),
		avatar: '',
		...contactFields(contact),
	};
}

function senderWebhookData(state: ChatwootState, sender: SenderRef | null) {
	if (sender === null) return null;
	if (sender.type === 'contact') {
		const contact = state.contacts.get(sender.id);
		return contact ? contactWebhookData(state, contact) : null;
	}
	if (sender.type === 'user') {
		const user = state.users.get(sender.id);
		return user ? { id: user.id, name: user.name, email: user.email, type: 'user' } : null;
	}
	const bot = state.agentBots.get(sender.id);
	return bot ? { id: bot.id, name: bot.name, type: 'agent_bot' } : null;
}

/** The last "chat" message: not an activity, not a private note. */
export function lastChatMessage(
	state: ChatwootState,
	conversation: Conversation,
): Message | undefined {
	return state
		.messagesOf(conversation.id)
		.filter((m) => m.messageType !== 'activity' && !m.private)
		.at(-1);
}

/**
 * Meta's channels (WhatsApp, Messenger, Instagram) only let a business reply within 24 h of the
 * customer's last message.
 */
export function canReply({ state, clock }: ViewDeps, conversation: Conversation): boolean {
	if (state.inboxOf(conversation).channelType === 'api') return true;
	const lastIncoming = state
		.messagesOf(conversation.id)
		.filter((m) => m.messageType === 'incoming')
		.at(-1);
	return lastIncoming !== undefined && clock().getTime() - lastIncoming.createdAt < DAY_MS;
}

export function assigneeMeta(state: ChatwootState, conversation: Conversation) {
	const user =
		conversation.assigneeId === null ? undefined : state.users.get(conversation.assigneeId);
	if (user) return { assignee: userPush(user), assignee_type: 'User' };
	const botId = conversation.assigneeAgentBotId;
	const bot = botId === null ? undefined : state.agentBots.get(botId);
	if (bot) return { assignee: botPush(bot), assignee_type: 'AgentBot' };
	return { assignee: null, assignee_type: null };
}

export function teamMeta(state: ChatwootState, conversation: Conversation) {
	const team = conversation.teamId === null ? undefined : state.teams.get(conversation.teamId);
	return team ? { id: team.id, name: team.name } : null;
}

export function conversationWebhookData(deps: ViewDeps, conversation: Conversation) {
	const { state } = deps;
	const contactInbox = state.contactInboxOf(conversation);
	const last = lastChatMessage(state, conversation);
	const { assignee, assignee_type } = assigneeMeta(state, conversation);
	return {
		additional_attributes: conversation.additionalAttributes,
		can_reply: canReply(deps, conversation),
		channel: channelType(state.inboxOf(conversation)),
		contact_inbox: {
			id: contactInbox.id,
			contact_id: contactInbox.contactId,
			inbox_id: contactInbox.inboxId,
			source_id: contactInbox.sourceId,
			created_at: isoTime(contactInbox.createdAt),
			updated_at: isoTime(contactInbox.updatedAt),
			hmac_verified: false,
			pubsub_token: contactInbox.pubsubToken,
		},
		id: conversation.displayId,
		inbox_id: conversation.inboxId,
		messages: last ? [messagePush(deps, last)] : [],
		labels: [...conversation.labels],
		meta: {
			sender: contactPush(state.contactOf(conversation)),
			assignee,
			assignee_type,
			team: teamMeta(state, conversation),
			hmac_verified: false,
		},
		status: conversation.status,
		custom_attributes: conversation.customAttributes,
		snoozed_until: isoOrNull(conversation.snoozedUntil),
		unread_count: unreadCount(state, conversation),
		first_reply_created_at: isoOrNull(conversation.firstReplyCreatedAt),
		priority: conversation.priority,
		waiting_since: unixSeconds(conversation.waitingSince),
		agent_last_seen_at: unixSeconds(conversation.agentLastSeenAt),
		contact_last_seen_at: unixSeconds(conversation.contactLastSeenAt),
		last_activity_at: unixSeconds(conversation.lastActivityAt),
		timestamp: unixSeconds(conversation.lastActivityAt),
		created_at: unixSeconds(conversation.createdAt),
		updated_at: floatSeconds(conversation.updatedAtUs),
		account: accountData(state.accountOf(conversation.accountId)),
	};
}

/** message_type is a string here, unlike REST and the nested push format. */
export function messageWebhookData(deps: ViewDeps, message: Message) {
	const { state } = deps;
	const conversation = state.conversations.get(message.conversationId);
	if (!conversation)
		throw new Error(`chatwoot simulator: message ${message.id} has no conversation`);
	const inbox = state.inboxOf(conversation);
	return {
		account: accountData(state.accountOf(message.accountId)),
		additional_attributes: message.additionalAttributes,
		content_attributes: message.contentAttributes,
		content_type: message.contentType,
		content: normaliseContent(message.content),
		conversation: conversationWebhookData(deps, conversation),
		created_at: isoTime(message.createdAt),
		id: message.id,
		inbox: { id: inbox.id, name: inbox.name },
		message_type: message.messageType,
		private: message.private,
		sender: senderWebhookData(state, message.sender),
		source_id: message.sourceId,
		...(message.attachments.length > 0
			? { attachments: message.attachments.map(attachmentPush) }
			: {}),
	};
}

/** Messages::WebhookContentNormalizer: markdown hard breaks become newlines, trailing ones go. */
function normaliseContent(content: string | null): string | null {
	if (content === null) return null;
	return content.replace(/\\\r?\n/g, '\n').replace(/\n+$/, '');
}
