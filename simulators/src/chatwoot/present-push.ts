// Push-event shapes (Message#webhook_push_event_data and the *push_event_data of senders): what sits
// inside conversation.messages[] and conversation.meta in webhooks.
import { isoTime, unixSeconds } from './clock.ts';
import type { ViewDeps } from './deps.ts';
import type { ChatwootState } from './state.ts';
import type {
	AgentBot,
	Attachment,
	Contact,
	Conversation,
	Message,
	MessageType,
	SenderRef,
	User,
} from './types.ts';

/** REST and push formats carry message_type as the enum's integer. */
export const MESSAGE_TYPE_INT: Record<MessageType, number> = {
	incoming: 0,
	outgoing: 1,
	activity: 2,
	template: 3,
};

const SENDER_TYPE = { contact: 'Contact', user: 'User', agent_bot: 'AgentBot' } as const;

/** The contact fields Chatwoot's push and webhook shapes both carry. */
export function contactFields(contact: Contact) {
	return {
		additional_attributes: contact.additionalAttributes,
		custom_attributes: contact.customAttributes,
		email: contact.email,
		id: contact.id,
		identifier: contact.identifier,
		name: contact.name,
		phone_number: contact.phoneNumber,
		thumbnail: '',
		blocked: contact.blocked,
	};
}

export function contactPush(contact: Contact) {
	return { ...contactFields(contact), type: 'contact' };
}

export function userPush(user: User) {
	return {
		id: user.id,
		name: user.name,
		available_name: user.name,
		avatar_url: '',
		type: 'user',
		availability_status: user.availability,
		thumbnail: '',
	};
}

export function botPush(bot: AgentBot) {
	return { id: bot.id, name: bot.name, avatar_url: bot.avatarUrl ?? '', type: 'agent_bot' };
}

export function senderPush(state: ChatwootState, sender: SenderRef | null) {
	if (sender === null) return undefined;
	if (sender.type === 'contact') {
		const contact = state.contacts.get(sender.id);
		return contact && contactPush(contact);
	}
	if (sender.type === 'user') {
		const user = state.users.get(sender.id);
		return user && userPush(user);
	}
	const bot = state.agentBots.get(sender.id);
	return bot && botPush(bot);
}

export function attachmentPush(attachment: Attachment) {
	const base = {
		id: attachment.id,
		message_id: attachment.messageId,
		file_type: attachment.fileType,
		account_id: attachment.accountId,
		extension: attachment.extension,
		content_type: attachment.contentType,
		data_url: attachment.dataUrl,
		thumb_url: attachment.thumbUrl,
		file_size: attachment.fileSize,
		width: attachment.width,
		height: attachment.height,
	};
	return attachment.fileType === 'audio' ? { ...base, transcribed_text: null } : base;
}

/** Incoming messages the agents have not seen, capped at 10 like Chatwoot's unread_count. */
export function unreadCount(state: ChatwootState, conversation: Conversation): number {
	const seen = conversation.agentLastSeenAt ?? -1;
	const unread = state
		.messagesOf(conversation.id)
		.filter((m) => m.messageType === 'incoming' && m.createdAt > seen).length;
	return Math.min(unread, 10);
}

/** One message in push format: message_type as an INT, created_at INT, updated_at ISO. */
export function messagePush({ state }: ViewDeps, message: Message) {
	const conversation = state.conversations.get(message.conversationId);
	if (!conversation)
		throw new Error(`chatwoot simulator: message ${message.id} has no conversation`);
	const sender = senderPush(state, message.sender);
	return {
		id: message.id,
		content: message.content,
		account_id: message.accountId,
		inbox_id: message.inboxId,
		conversation_id: conversation.displayId,
		message_type: MESSAGE_TYPE_INT[message.messageType],
		created_at: unixSeconds(message.createdAt),
		updated_at: isoTime(message.updatedAt),
		private: message.private,
		status: message.status,
		source_id: message.sourceId,
		content_type: message.contentType,
		content_attributes: message.contentAttributes,
		sender_type: message.sender ? SENDER_TYPE[message.sender.type] : null,
		sender_id: message.sender?.id ?? null,
		external_source_ids: {},
		additional_attributes: message.additionalAttributes,
		processed_message_content: message.content,
		sentiment: {},
		conversation: {
			assignee_id: conversation.assigneeId,
			unread_count: unreadCount(state, conversation),
			last_activity_at: unixSeconds(conversation.lastActivityAt),
			contact_inbox: { source_id: state.contactInboxOf(conversation).sourceId },
		},
		...(message.echoId === null ? {} : { echo_id: message.echoId }),
		...(message.attachments.length > 0
			? { attachments: message.attachments.map(attachmentPush) }
			: {}),
		...(sender === undefined ? {} : { sender }),
	};
}
