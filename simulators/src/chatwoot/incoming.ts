// A customer writing on WhatsApp to one of the inbox numbers, as Whatsapp::IncomingMessageService
// handles it (§4), or on Messenger or Instagram to the business's page: contact, conversation,
// message, and the webhooks that follow.
import {
	findOrCreateSocialContact,
	findOrCreateWhatsappContact,
	findOrCreateWhatsappUserContact,
} from './contacts.ts';
import { createConversation } from './conversations.ts';
import type { SimDeps } from './deps.ts';
import { metaMid, wamid } from './ids.ts';
import { createMessage, type AttachmentInput } from './messages.ts';
import type { Contact, Conversation, Inbox, JsonObject, Message } from './types.ts';

export interface CustomerMessage {
	inbox: Inbox;
	/**
	 * WhatsApp: the customer's number, with or without "+" (Meta sends wa_id digits). Messenger and
	 * Instagram: the sender's page-scoped id (PSID, IGSID).
	 */
	from: string;
	name?: string;
	/** WhatsApp: the sender's BSUID, used when `from` is empty (a username-only user). */
	userId?: string;
	/** Instagram: the sender's handle. */
	username?: string;
	content?: string | null;
	attachments?: AttachmentInput[];
	/** e.g. {is_unsupported: true} for message types Chatwoot cannot show. */
	contentAttributes?: JsonObject;
	/** Meta's wamid or mid; generated when absent. A repeat is ignored, like Chatwoot's dedup lock. */
	sourceId?: string;
}

export interface ReceivedMessage {
	contact: Contact;
	conversation: Conversation;
	message: Message;
	contactCreated: boolean;
	conversationCreated: boolean;
	duplicate: boolean;
}

export function receiveCustomerMessage(deps: SimDeps, input: CustomerMessage): ReceivedMessage {
	const { state } = deps;
	const channel = input.inbox.channelType;
	const social = channel === 'facebook' || channel === 'instagram';
	const sourceId = input.sourceId ?? (social ? metaMid(channel) : wamid());
	const repeat = state.messages.find(
		(m) => m.inboxId === input.inbox.id && m.sourceId === sourceId,
	);
	if (repeat) return describeRepeat(deps, repeat);
	const found = social
		? findOrCreateSocialContact(deps, input.inbox, input.from, input)
		: !input.from && input.userId
			? findOrCreateWhatsappUserContact(deps, input.inbox, input.userId, input.name)
			: findOrCreateWhatsappContact(deps, input.inbox, input.from.replace(/\D/g, ''), input.name);
	let conversation = reusableConversation(deps, input.inbox, found.contactInbox.id);
	const conversationCreated = conversation === undefined;
	conversation ??= createConversation(deps, input.inbox, found.contactInbox);
	const message = createMessage(deps, conversation, {
		messageType: 'incoming',
		content: input.content ?? null,
		sender: { type: 'contact', id: found.contact.id },
		sourceId,
		attachments: input.attachments,
		contentAttributes: input.contentAttributes,
	});
	return {
		contact: found.contact,
		conversation,
		message,
		contactCreated: found.created,
		conversationCreated,
		duplicate: false,
	};
}

/** lock_to_single_conversation reuses the last one; otherwise the last one not resolved. */
function reusableConversation(
	deps: SimDeps,
	inbox: Inbox,
	contactInboxId: number,
): Conversation | undefined {
	const conversations = deps.state.conversationsOf(contactInboxId);
	if (inbox.lockToSingleConversation) return conversations.at(-1);
	return conversations.filter((c) => c.status !== 'resolved').at(-1);
}

function describeRepeat(deps: SimDeps, message: Message): ReceivedMessage {
	const conversation = deps.state.conversations.get(message.conversationId);
	if (!conversation)
		throw new Error(`chatwoot simulator: message ${message.id} has no conversation`);
	return {
		contact: deps.state.contactOf(conversation),
		conversation,
		message,
		contactCreated: false,
		conversationCreated: false,
		duplicate: true,
	};
}
