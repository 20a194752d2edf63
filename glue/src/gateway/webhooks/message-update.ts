// message_updated for a customer's message. Chatwoot sends it for an edit, for a deletion (content
// "This message was deleted", content_attributes.deleted = true; reference/chatwoot.md §2.2) and
// for other saves of the message; the payload has no updated_at, so edits that arrive out of order
// are applied in arrival order. While the message waits in its batch, the triage reads the new
// text, and a deleted one leaves the batch; once it has left the queue, the update is only recorded.
import { missingInboundFields, type InboundMessage } from '../../chatwoot/inbound-message.ts';
import { botSkipReason } from '../../chatwoot/webhook-payload.ts';
import {
	enqueueInboundEvent,
	reviseQueuedEvent,
	type DebounceOptions,
	type TransactionPool,
} from '../../log-store/ledger-queue.ts';
import { recordInboundEvent, type Queryable } from '../../log-store/repository.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import {
	deletedEntry,
	deletedRecord,
	droppedEntry,
	lateUpdateEntry,
	queuedEntry,
	type EntryContext,
} from './ledger-entry.ts';
import type { WebhookOutcome } from './webhook.model.ts';

export interface MessageUpdateDeps {
	pool: TransactionPool & Queryable;
	metrics: GatewayMetrics;
	debounce: DebounceOptions;
	onQueued?: (dueAt: Date | null) => void;
}

/** Chatwoot's mark of a deleted message, read from the body as received. */
export function isDeletion(body: unknown): boolean {
	const attributes = (body as { content_attributes?: unknown } | null)?.content_attributes;
	return (
		typeof attributes === 'object' &&
		attributes !== null &&
		(attributes as { deleted?: unknown }).deleted === true
	);
}

export async function handleMessageUpdate(
	deps: MessageUpdateDeps,
	message: InboundMessage,
	deleted: boolean,
	context: EntryContext,
): Promise<WebhookOutcome> {
	const { metrics, pool } = deps;
	const { source } = context;
	// An edit is judged as the message it edits: the customer's, in a conversation the bot owns.
	const edited = { ...message, event: 'message_created' as const };
	const skip = botSkipReason(edited);
	context = { ...context, missing: missingInboundFields(edited) };
	const id = message.id;
	if ((skip !== null && skip !== 'conversation_not_pending') || id === null) {
		// Receipts of our own replies, notes, agents' edits: none of them is the bot's business.
		metrics.dropped.inc({ reason: 'not_message_created' });
		return { kind: 'dropped', reason: 'not_message_created', source, ledgerId: null };
	}
	const known = { ...message, id };
	const outcome = (await revise()) ?? (await firstSight()) ?? (await revise());
	if (outcome) return outcome;
	// It already left the queue (forwarded, claimed, done) or was dropped: recorded only.
	const recorded = await recordInboundEvent(pool, lateUpdateEntry(known, context, deleted));
	if (recorded.duplicate) {
		metrics.deduplicated.inc();
		return { kind: 'duplicate', source, ledgerId: recorded.id };
	}
	metrics.dropped.inc({ reason: 'late_update' });
	return { kind: 'dropped', reason: 'late_update', source, ledgerId: recorded.id };

	/** The queued event rewritten, or taken out of its batch when deleted; null when none waits. */
	async function revise(): Promise<WebhookOutcome | null> {
		const row = await reviseQueuedEvent(pool, {
			accountId: context.accountId,
			chatwootMessageId: known.id,
			payload: deleted ? deletedRecord(message, context) : queuedEntry(message, context).payload,
			dropReason: deleted ? 'deleted' : null,
		});
		if (!row) return null;
		if (row.status === 'dropped') {
			metrics.dropped.inc({ reason: 'deleted' });
			return { kind: 'dropped', reason: 'deleted', source, ledgerId: row.id };
		}
		metrics.revised.inc();
		return { kind: 'revised', source, ledgerId: row.id };
	}

	/**
	 * A message the ledger has not seen: its message_created is late or was lost. A deletion is kept
	 * under the message's key, so the late original is a duplicate; an edit is queued as the message.
	 * Null when the ledger has it after all (a first sight raced this update): revise again then.
	 */
	async function firstSight(): Promise<WebhookOutcome | null> {
		if (deleted || skip !== null || message.conversation.id === null) {
			// Kept, never queued: as a handed-off conversation's message is (droppedEntry).
			const reason = deleted ? 'deleted' : (skip ?? 'incomplete');
			const entry = deleted ? deletedEntry(known, context) : droppedEntry(message, context, reason);
			const row = await recordInboundEvent(pool, entry);
			if (row.duplicate) return null;
			metrics.dropped.inc({ reason });
			return { kind: 'dropped', reason, source, ledgerId: row.id };
		}
		const queued = await enqueueInboundEvent(pool, queuedEntry(message, context), deps.debounce);
		if (queued.duplicate) return null;
		metrics.queued.inc({ source });
		deps.onQueued?.(queued.dueAt);
		return { kind: 'queued', source, ledgerId: queued.id, dueAt: queued.dueAt };
	}
}
