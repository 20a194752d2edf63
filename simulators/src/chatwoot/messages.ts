// Creating a message and its side effects on the conversation (reopen, waiting_since, first reply),
// then message_created, which Chatwoot sends for private notes and outgoing messages too.
import type { ConversationPatch } from './conversation-changes.ts';
import { changeConversation } from './conversation-changes.ts';
import { setStatus } from './conversations.ts';
import type { SimDeps } from './deps.ts';
import { wamid } from './ids.ts';
import { messageWebhookData } from './present-webhook.ts';
import type {
	Attachment,
	Conversation,
	FileType,
	JsonObject,
	Message,
	MessageStatus,
	MessageType,
	SenderRef,
} from './types.ts';

export interface AttachmentInput {
	fileType: FileType;
	url: string;
	fileName?: string;
	contentType?: string;
	fileSize?: number;
	width?: number;
	height?: number;
}

export interface NewMessage {
	messageType: MessageType;
	content: string | null;
	sender: SenderRef | null;
	private?: boolean;
	contentType?: string;
	contentAttributes?: JsonObject;
	additionalAttributes?: JsonObject;
	sourceId?: string | null;
	echoId?: string | null;
	attachments?: AttachmentInput[];
}

export function createMessage(
	deps: SimDeps,
	conversation: Conversation,
	input: NewMessage,
): Message {
	const now = deps.clock().getTime();
	const message = deps.state.messages.insert({
		accountId: conversation.accountId,
		inboxId: conversation.inboxId,
		conversationId: conversation.id,
		messageType: input.messageType,
		contentType: input.contentType ?? 'text',
		content: input.content,
		contentAttributes: input.contentAttributes ?? {},
		additionalAttributes: input.additionalAttributes ?? {},
		private: input.private ?? false,
		status: 'sent',
		sourceId: input.sourceId ?? null,
		echoId: input.echoId ?? null,
		sender: input.sender,
		createdAt: now,
		updatedAt: now,
		attachments: [],
	});
	message.attachments = (input.attachments ?? []).map((a) => buildAttachment(deps, message, a));
	updateConversationFor(deps, conversation, message);
	if (message.messageType !== 'activity') emitMessage(deps, message, 'message_created');
	if (deps.simulateWhatsappSend && isSentToWhatsapp(deps, message)) {
		// SendReplyJob runs after the request; Meta's wamid arrives as a message_updated.
		deps.work.soon(() => markSent(deps, message));
	}
	return message;
}

function updateConversationFor(deps: SimDeps, conversation: Conversation, message: Message): void {
	const patch: ConversationPatch = {};
	if (message.messageType !== 'activity') patch.lastActivityAt = message.createdAt;
	if (message.messageType === 'incoming') {
		const contact = deps.state.contactOf(conversation);
		contact.lastActivityAt = message.createdAt;
		// Message#reopen_resolved_conversation: back to the bot when one is active (4.15).
		if (conversation.status === 'resolved' || conversation.status === 'snoozed') {
			const reopenAs =
				conversation.status === 'resolved' && deps.state.inboxBot(deps.state.inboxOf(conversation))
					? 'pending'
					: 'open';
			if (reopenAs === 'open' && conversation.waitingSince === null) {
				patch.waitingSince = message.createdAt;
			}
			setStatus(deps, conversation, reopenAs, patch);
			return;
		}
		if (conversation.status === 'open' && conversation.waitingSince === null) {
			patch.waitingSince = message.createdAt;
		}
	}
	if (isHumanReply(message)) {
		if (conversation.firstReplyCreatedAt === null) patch.firstReplyCreatedAt = message.createdAt;
		patch.waitingSince = null;
	}
	changeConversation(deps, conversation, patch);
}

function isHumanReply(message: Message): boolean {
	return message.messageType === 'outgoing' && !message.private && message.sender?.type === 'user';
}

function isSentToWhatsapp(deps: SimDeps, message: Message): boolean {
	const inbox = deps.state.inboxes.get(message.inboxId);
	const outbound = message.messageType === 'outgoing' || message.messageType === 'template';
	return inbox?.channelType === 'whatsapp' && outbound && !message.private;
}

function markSent(deps: SimDeps, message: Message): void {
	// A reset in between removed the message; nothing to announce then.
	if (deps.state.messages.get(message.id) !== message) return;
	message.sourceId = wamid();
	message.updatedAt = deps.clock().getTime();
	emitMessage(deps, message, 'message_updated');
}

/** WhatsApp receipts (sent → delivered → read, or failed) each save the message once. */
export function updateMessageStatus(deps: SimDeps, message: Message, status: MessageStatus): void {
	if (message.status === status) return;
	message.status = status;
	message.updatedAt = deps.clock().getTime();
	emitMessage(deps, message, 'message_updated');
}

function emitMessage(
	deps: SimDeps,
	message: Message,
	name: 'message_created' | 'message_updated',
): void {
	deps.events.emit({
		name,
		accountId: message.accountId,
		conversationId: message.conversationId,
		build: () => ({ ...messageWebhookData(deps, message), event: name }),
	});
}

function buildAttachment(deps: SimDeps, message: Message, input: AttachmentInput): Attachment {
	const fileName = input.fileName ?? input.url.split('/').at(-1) ?? 'file';
	const extension = fileName.includes('.') ? (fileName.split('.').at(-1) ?? null) : null;
	return {
		id: deps.state.attachmentId(),
		messageId: message.id,
		accountId: message.accountId,
		fileType: input.fileType,
		extension,
		contentType: input.contentType ?? null,
		dataUrl: input.url,
		thumbUrl: input.fileType === 'image' ? input.url : '',
		fileSize: input.fileSize ?? 0,
		width: input.width ?? null,
		height: input.height ?? null,
	};
}
