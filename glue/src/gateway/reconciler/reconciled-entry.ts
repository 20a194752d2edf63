// A message the reconciler found in Chatwoot's REST API, stored the way its webhook would have been:
// the same field names, so the forwarder reads both alike, marked `reconciled: true`.
import type { Conversation, Message } from '../../chatwoot/client.ts';
import { droppedDeliveryId, type InboundEventInput } from '../../log-store/schemas.ts';

export interface ReconciledEntryOptions {
	/** Chatwoot opened the conversation because a bot delivery failed: route it, never reply. */
	openedByBotFailure?: boolean;
	/**
	 * A person has the conversation (or answered it) and the message is an opt-out or opt-in word:
	 * queued only for workflow 01's opt-out step, as the webhook does (ledger-entry.ts).
	 */
	optOutOnly?: boolean;
}

export function reconciledEntry(
	conversation: Conversation,
	message: Message,
	options: ReconciledEntryOptions = {},
): InboundEventInput {
	const contact = conversation.meta.sender;
	const author = message.sender?.type === 'contact' ? message.sender : undefined;
	return {
		source: 'reconciler',
		deliveryId: null,
		chatwootMessageId: message.id,
		conversationId: conversation.id,
		accountId: conversation.account_id,
		inboxId: conversation.inbox_id,
		event: 'message_created',
		payload: {
			event: 'message_created',
			reconciled: true,
			...(options.openedByBotFailure ? { openedByBotFailure: true } : {}),
			...(options.optOutOnly ? { optOutOnly: true } : {}),
			id: message.id,
			content: message.content,
			content_type: message.content_type,
			content_attributes: message.content_attributes,
			message_type: 'incoming',
			private: false,
			created_at: new Date(message.created_at * 1000).toISOString(),
			source_id: message.source_id,
			sender: {
				id: author?.id ?? contact.id,
				name: author?.name ?? contact.name,
				phone_number: author?.phone_number ?? contact.phone_number,
			},
			inbox: { id: conversation.inbox_id },
			conversation: {
				id: conversation.id,
				inbox_id: conversation.inbox_id,
				status: conversation.status,
				channel: conversation.meta.channel,
				labels: conversation.labels,
				meta: { sender: contact },
			},
			account: { id: conversation.account_id },
			attachments: message.attachments ?? [],
		} as InboundEventInput['payload'],
	};
}

/**
 * A missed message that is not for the bot (a person answered it, or has the conversation), kept
 * as dropped with `reason`, without its text: nothing will ever forward it. Keyed like the
 * webhook's dropped rows (ledger-entry.ts), so the two never make two rows of one message.
 */
export function reconciledDrop(
	conversation: Conversation,
	message: Message,
	reason: string,
): InboundEventInput {
	const entry = reconciledEntry(conversation, message);
	return {
		...entry,
		deliveryId: droppedDeliveryId(conversation.account_id, message.id),
		chatwootMessageId: null,
		status: 'dropped',
		dropReason: reason,
		payload: { ...entry.payload, content: null, attachments: [] },
	};
}
