// How a verified message webhook becomes a ledger row.
import type { MessageEvent } from '../../chatwoot/webhook-payload.ts';
import type { InboundEventInput } from '../../log-store/schemas.ts';
import type { DropReason, WebhookSource } from './webhook.model.ts';

/** A customer message for the bot: the whole payload as received, keyed for dedupe. */
export function queuedEntry(
	payload: MessageEvent,
	received: Record<string, unknown>,
	source: WebhookSource,
	deliveryId: string | null,
): InboundEventInput {
	return {
		source,
		deliveryId,
		chatwootMessageId: payload.id,
		conversationId: payload.conversation.id,
		accountId: payload.account.id,
		inboxId: payload.inbox.id,
		event: payload.event,
		payload: received as InboundEventInput['payload'],
	};
}

/**
 * A customer message the bot must not answer (the conversation was handed off), kept so a person
 * can see why it got no bot reply. Without its text: nothing will ever forward it. The message id
 * is left out of the dedupe key on purpose, so that this row can never shadow a later delivery of
 * the same message that finds the conversation pending.
 */
export function droppedEntry(
	payload: MessageEvent,
	source: WebhookSource,
	deliveryId: string | null,
	reason: DropReason,
): InboundEventInput {
	return {
		source,
		deliveryId,
		chatwootMessageId: null,
		conversationId: payload.conversation.id,
		accountId: payload.account.id,
		inboxId: payload.inbox.id,
		event: payload.event,
		status: 'dropped',
		dropReason: reason,
		payload: {
			event: payload.event,
			id: payload.id,
			message_type: payload.message_type,
			private: payload.private,
			content_type: payload.content_type,
			created_at: payload.created_at,
			conversation: { id: payload.conversation.id, status: payload.conversation.status },
			redacted: true,
		},
	};
}
