// Builds what the gateway POSTs to n8n from a leased batch of inbound events; the contract itself lives in
// pipeline/inbound-batch.ts, beside the workflow side that reads it.
import { z } from 'zod/v4';
import { referralSchema, storedAttachmentsSchema } from '../../chatwoot/inbound-message.ts';
import type { LeasedBatch, LeasedEvent } from '../../log-store/ledger-queue.ts';
import type { ForwardBatch, ForwardMessage } from '../../pipeline/inbound-batch.ts';

// Webhook and reconciler payloads share these fields; anything odd becomes null rather than failing
// the batch. Attachments and the referral are rebuilt field by field (rows stored before the
// gateway kept its own record hold Chatwoot's objects, whose keys anyone could name).
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
	attachments: storedAttachmentsSchema,
	content_attributes: z
		.object({ referral: referralSchema.catch(null) })
		.nullable()
		.catch(null),
	/** What the webhook lacked (the gateway's marker): the workflow hands these to a person. */
	incomplete: z.array(z.string()).catch([]),
	reconciled: z.literal(true).optional().catch(undefined),
	/** Chatwoot opened the conversation after a failed bot delivery (the reconciler's marker). */
	openedByBotFailure: z.literal(true).optional().catch(undefined),
	/** A person has the conversation; queued only for its opt-out word (the webhook's marker). */
	optOutOnly: z.literal(true).optional().catch(undefined),
});

/** Queued only for its opt-out word from a conversation a person has (the webhook's marker). */
export function isOptOutOnly(event: Pick<LeasedEvent, 'payload'>): boolean {
	return storedMessageSchema.parse(event.payload).optOutOnly === true;
}

function toMessage(event: LeasedEvent): ForwardMessage {
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
		referral: stored.content_attributes?.referral ?? null,
		incomplete: stored.incomplete,
	};
}

export function buildForwardBatch(batch: LeasedBatch): ForwardBatch {
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
		latest: latestRecord(latest, batch.events),
		forwardToken: batch.leaseToken,
	};
}

/**
 * The newest event in brief; never its stored payload, which may hold keys anyone could name.
 * `openedByBotFailure` when any event of the batch has it: the conversation is no longer the bot's
 * to answer, but it still needs routing. `optOutOnly` likewise: a person has the conversation (a
 * message queued while it was pending joins the person's too).
 */
function latestRecord(event: LeasedEvent, events: LeasedEvent[]): ForwardBatch['latest'] {
	const { reconciled } = storedMessageSchema.parse(event.payload);
	const stored = events.map((e) => storedMessageSchema.parse(e.payload));
	const openedByBotFailure = stored.some((e) => e.openedByBotFailure);
	const optOutOnly = stored.some((e) => e.optOutOnly);
	return {
		event: event.event,
		id: event.chatwootMessageId,
		ledgerId: event.id,
		...(reconciled ? { reconciled } : {}),
		...(openedByBotFailure ? { openedByBotFailure } : {}),
		...(optOutOnly ? { optOutOnly } : {}),
	};
}
