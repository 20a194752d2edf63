// How a verified message webhook becomes a ledger row: our own record of it (inbound-message.ts),
// never the body as received, so no key a customer or an admin can name is stored or forwarded.
import { createHash } from 'node:crypto';
import type { InboundMessage } from '../../chatwoot/inbound-message.ts';
import { droppedDeliveryId, type InboundEventInput } from '../../log-store/schemas.ts';
import type { DropReason, WebhookSource } from './webhook.model.ts';

export interface EntryContext {
	source: WebhookSource;
	deliveryId: string | null;
	accountId: number;
	inboxId: number | null;
	/** Fields the bot needs that the payload lacked (missingInboundFields). */
	missing: string[];
}

/**
 * A customer message for the bot, keyed for dedupe. `incomplete` lists what the payload lacked:
 * the workflow hands such a conversation to a person with a note naming it. `optOutOnly`: a
 * person has the conversation, and the message is queued only because it is an opt-out word.
 */
export function queuedEntry(
	message: InboundMessage,
	context: EntryContext,
	options: { optOutOnly?: boolean } = {},
): InboundEventInput {
	const { missing } = context;
	return {
		source: context.source,
		deliveryId: context.deliveryId,
		chatwootMessageId: message.id,
		conversationId: message.conversation.id,
		accountId: context.accountId,
		inboxId: context.inboxId,
		event: message.event,
		payload: {
			...message,
			...(missing.length > 0 ? { incomplete: missing } : {}),
			...(options.optOutOnly ? { optOutOnly: true } : {}),
		},
	};
}

/**
 * A customer message the bot must not answer (the conversation was handed off, or the payload has
 * no conversation), kept so a person can see why it got no bot reply. Without its text: nothing
 * will ever forward it. Its dedupe key is the message, not the delivery, so the bot's and the
 * account webhook's deliveries of one message make one row; it is kept out of the message key on
 * purpose, so that this row can never shadow a later delivery that finds the conversation pending.
 */
export function droppedEntry(
	message: InboundMessage,
	context: EntryContext,
	reason: DropReason,
): InboundEventInput {
	const { missing } = context;
	return {
		source: context.source,
		deliveryId:
			message.id === null ? context.deliveryId : droppedDeliveryId(context.accountId, message.id),
		chatwootMessageId: null,
		conversationId: message.conversation.id,
		accountId: context.accountId,
		inboxId: context.inboxId,
		event: message.event,
		status: 'dropped',
		dropReason: reason,
		payload: {
			...redactedRecord(message, context, false),
			...(missing.length > 0 ? { incomplete: missing } : {}),
		},
	};
}

/** What a row keeps of a message nobody will triage: who, where and when, never the text. */
function redactedRecord(message: InboundMessage, context: EntryContext, deleted: boolean) {
	return {
		event: message.event,
		id: message.id,
		message_type: message.message_type,
		private: message.private,
		content_type: message.content_type,
		created_at: message.created_at,
		conversation: { id: message.conversation.id, status: message.conversation.status },
		delivery_id: context.deliveryId,
		redacted: true,
		...(deleted ? { deleted: true } : {}),
	};
}

/** The record of a queued message that the customer deleted: it leaves the batch without its text. */
export function deletedRecord(message: InboundMessage, context: EntryContext) {
	return redactedRecord(message, context, true);
}

/**
 * A deletion of a message the ledger never saw (its message_created is late, or was lost). Keyed by
 * the message, both ways droppedEntry and queuedEntry are, so the late message_created is a
 * duplicate and the deleted text is never triaged.
 */
export function deletedEntry(
	message: InboundMessage & { id: number },
	context: EntryContext,
): InboundEventInput {
	return {
		source: context.source,
		deliveryId: droppedDeliveryId(context.accountId, message.id),
		chatwootMessageId: message.id,
		conversationId: message.conversation.id,
		accountId: context.accountId,
		inboxId: context.inboxId,
		event: message.event,
		status: 'dropped',
		dropReason: 'deleted',
		payload: deletedRecord(message, context),
	};
}

/**
 * An edit or deletion that came after its message left the queue (forwarded, claimed, done, or
 * dropped): kept
 * so a person can see it, never forwarded. Keyed by the message and what it now says, so the bot's
 * and the account webhook's deliveries of one edit make one row, and each further edit its own.
 */
export function lateUpdateEntry(
	message: InboundMessage & { id: number },
	context: EntryContext,
	deleted: boolean,
): InboundEventInput {
	const version = createHash('sha256')
		.update(JSON.stringify([message.content, deleted, message.attachments.length]))
		.digest('hex')
		.slice(0, 16);
	return {
		source: context.source,
		deliveryId: `updated-${context.accountId}-${message.id}-${version}`,
		chatwootMessageId: null,
		conversationId: message.conversation.id,
		accountId: context.accountId,
		inboxId: context.inboxId,
		event: message.event,
		status: 'dropped',
		dropReason: 'late_update',
		payload: redactedRecord(message, context, deleted),
	};
}
