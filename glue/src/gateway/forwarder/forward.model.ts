// What the gateway POSTs to n8n: one conversation's burst, in Chatwoot's order. The n8n workflow
// validates against this schema; the ledger ids let it skip anything it has already handled.
import { z } from 'zod/v4';
import type { ClaimedBatch, ClaimedEvent } from '../../log-store/ledger-queue.ts';
import { INBOUND_SOURCES } from '../../log-store/schemas.ts';

export const forwardMessageSchema = z.object({
	ledgerId: z.int(),
	source: z.enum(INBOUND_SOURCES),
	messageId: z.int().nullable(),
	content: z.string().nullable(),
	contentType: z.string().nullable(),
	/** ISO 8601. */
	createdAt: z.string().nullable(),
	/** The channel's id for it, e.g. WhatsApp's wamid. */
	sourceId: z.string().nullable(),
	sender: z
		.object({
			id: z.int().nullable(),
			name: z.string().nullable(),
			phoneNumber: z.string().nullable(),
		})
		.nullable(),
	attachments: z.array(z.record(z.string(), z.unknown())),
});
export type ForwardMessage = z.output<typeof forwardMessageSchema>;

export const forwardBatchSchema = z.object({
	kind: z.literal('switchboard.inbound_batch'),
	version: z.literal(1),
	accountId: z.int(),
	/** Chatwoot's display id, as REST paths take it. */
	conversationId: z.int(),
	inboxId: z.int().nullable(),
	ledgerIds: z.array(z.int()).min(1),
	messages: z.array(forwardMessageSchema).min(1),
	/**
	 * The newest message's stored payload: the Chatwoot webhook body, or for a message the reconciler
	 * found, an equivalent built from the REST API (with `reconciled: true`).
	 */
	latest: z.record(z.string(), z.unknown()),
});
export type ForwardBatch = z.output<typeof forwardBatchSchema>;

// Webhook and reconciler payloads share these fields; anything odd becomes null rather than failing
// the batch, because the raw payload travels along in `latest` anyway.
const storedMessageSchema = z.object({
	content: z.string().nullable().catch(null),
	content_type: z.string().nullable().catch(null),
	created_at: z.union([z.string(), z.number()]).nullable().catch(null),
	source_id: z.string().nullable().catch(null),
	sender: z
		.object({
			id: z.int().nullable().catch(null),
			name: z.string().nullable().catch(null),
			phone_number: z.string().nullable().catch(null),
		})
		.nullable()
		.catch(null),
	attachments: z.array(z.record(z.string(), z.unknown())).catch([]),
});

function toMessage(event: ClaimedEvent): ForwardMessage {
	const stored = storedMessageSchema.parse(event.payload);
	const created = stored.created_at;
	return {
		ledgerId: event.id,
		source: event.source,
		messageId: event.chatwootMessageId,
		content: stored.content,
		contentType: stored.content_type,
		// REST gives Unix seconds, webhooks an ISO string.
		createdAt: typeof created === 'number' ? new Date(created * 1000).toISOString() : created,
		sourceId: stored.source_id,
		sender: stored.sender && {
			id: stored.sender.id,
			name: stored.sender.name,
			phoneNumber: stored.sender.phone_number,
		},
		attachments: stored.attachments,
	};
}

export function buildForwardBatch(batch: ClaimedBatch): ForwardBatch {
	const latest = batch.events.at(-1);
	if (!latest) throw new RangeError('gateway: a forward batch needs at least one event');
	return {
		kind: 'switchboard.inbound_batch',
		version: 1,
		accountId: batch.accountId,
		conversationId: batch.conversationId,
		inboxId: latest.inboxId,
		ledgerIds: batch.events.map((event) => event.id),
		messages: batch.events.map(toMessage),
		latest: latest.payload,
	};
}
