// The first step of workflow 01: read the gateway's batch and claim its ledger rows, so a batch the
// gateway delivers twice is triaged once (see log-store/inbound-claims.ts).
import { z } from 'zod/v4';
import { claimInboundBatch, type InboundClaim } from '../log-store/inbound-claims.ts';
import type { Queryable } from '../log-store/repository.ts';
import { InboundBatchError } from './inbound-batch-error.ts';
import { forwardBatchSchema, type ForwardBatch, type ForwardMessage } from './inbound-batch.ts';

export interface ClaimedInbound {
	batch: ForwardBatch;
	claim: InboundClaim;
	/** The batch's messages this delivery owns now, oldest first; empty unless status is claimed. */
	messages: ForwardMessage[];
}

export function parseInboundBatch(body: unknown): ForwardBatch {
	const parsed = forwardBatchSchema.safeParse(body);
	if (!parsed.success) {
		throw new InboundBatchError(`Not a gateway batch: ${z.prettifyError(parsed.error)}`);
	}
	return parsed.data;
}

export async function claimInbound(
	db: Queryable,
	body: unknown,
	options: { leaseMs?: number } = {},
): Promise<ClaimedInbound> {
	const batch = parseInboundBatch(body);
	const claim = await claimInboundBatch(db, {
		ledgerIds: batch.ledgerIds,
		leaseMs: options.leaseMs,
	});
	const owned = new Set(claim.claimed);
	return { batch, claim, messages: batch.messages.filter((m) => owned.has(m.ledgerId)) };
}
