// What the gateway POSTs to n8n's workflow 01: one conversation's batch of inbound events, in
// Chatwoot's order. The workflow validates against this schema; the ledger ids let it skip anything
// it has already handled.
import { z } from 'zod/v4';
import { INBOUND_SOURCES } from '../log-store/schemas.ts';

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
	/**
	 * Meta's referral (the click-to-WhatsApp ad or post), which Chatwoot keeps in the message's
	 * content_attributes. Only the conversation's first message has one, so it can sit anywhere in
	 * a batch, not only in `latest`.
	 */
	referral: z.record(z.string(), z.unknown()).nullable().default(null),
	/**
	 * Fields the bot needs that Chatwoot's webhook lacked (e.g. `conversation.status`, `inbox.id`),
	 * as the gateway found them; non-empty means: hand the conversation to a person, with a note.
	 * Absent means none.
	 */
	incomplete: z.array(z.string()).optional(),
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
	 * The newest event in brief (event, message id, ledger id, `reconciled: true` when the reconciler
	 * found it), never a Chatwoot body: keys anyone can name there break n8n's structuredClone.
	 * `optOutOnly: true`: a person has the conversation and the batch came only for its opt-out or
	 * opt-in word; the workflow acts on the word, tells the agent, and neither triages nor replies.
	 */
	latest: z.record(z.string(), z.unknown()),
	/**
	 * The gateway's forward lease for this delivery, stored with the triage claim: when the answer
	 * proves the run died without completing it, the gateway releases the claim at once.
	 */
	forwardToken: z.uuid().optional(),
});
export type ForwardBatch = z.output<typeof forwardBatchSchema>;

/**
 * How workflow 01 says it took a batch: each of its Respond nodes answers with one of these
 * statuses. n8n also answers 2xx when a run ends before any Respond node (torn down mid-restart, a
 * node that swallowed its error), so a 2xx without one is no proof the batch was triaged: the
 * gateway sends it again, and the triage claim makes that safe.
 *
 * @example
 * forwardAckSchema.safeParse({ status: 'already_handled', ledgerIds: [7] }).success; // true
 */
export const forwardAckSchema = z.object({
	status: z.enum(['handled', 'already_handled', 'not_pending']),
});
export type ForwardAck = z.output<typeof forwardAckSchema>;
