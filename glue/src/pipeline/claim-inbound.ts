// The first step of workflow 01: read the gateway's batch and take the triage claim on its inbound
// events, so a batch the gateway delivers twice is triaged once (see log-store/inbound-claims.ts).
import { z } from 'zod/v4';
import { claimTriage, type TriageClaim } from '../log-store/inbound-claims.ts';
import type { Queryable } from '../log-store/repository.ts';
import { InboundBatchError } from './inbound-batch-error.ts';
import { forwardBatchSchema, type ForwardBatch, type ForwardMessage } from './inbound-batch.ts';
import { unreadableBatch, type UnreadableBatch } from './unreadable-batch.ts';

export interface BatchForTriage {
	batch: ForwardBatch;
	claim: TriageClaim;
	/** The batch's messages this triage claim owns now, oldest first; empty unless status is claimed. */
	messages: ForwardMessage[];
	/** Why the bot cannot read those messages (hand off without triage), or null. */
	unreadable: UnreadableBatch | null;
}

export function parseInboundBatch(body: unknown): ForwardBatch {
	const parsed = forwardBatchSchema.safeParse(body);
	if (!parsed.success) {
		throw new InboundBatchError(`Not a gateway batch: ${z.prettifyError(parsed.error)}`);
	}
	return parsed.data;
}

export async function claimBatchForTriage(
	db: Queryable,
	body: unknown,
	options: { leaseMs?: number } = {},
): Promise<BatchForTriage> {
	const batch = parseInboundBatch(body);
	const claim = await claimTriage(db, {
		ledgerIds: batch.ledgerIds,
		leaseMs: options.leaseMs,
		forwardToken: batch.forwardToken ?? null,
	});
	const owned = new Set(claim.claimed);
	const messages = batch.messages.filter((m) => owned.has(m.ledgerId));
	return { batch, claim, messages, unreadable: messages.length ? unreadableBatch(messages) : null };
}
