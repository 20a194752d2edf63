// Exactly-once handling on top of the gateway's at-least-once delivery: workflow 01 takes a triage
// claim on a batch's inbound events before triage and completes it after acting (see migration 0007).
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import { parseInput, pgCode } from './errors.ts';
import { LogStoreNotFoundError } from './log-store-not-found-error.ts';
import type { Queryable } from './repository.ts';

const ledgerIds = z.array(z.int().positive()).min(1, 'needs at least one ledger id');

/** Workflow 01's triage claim lease unless it asks for another (its Claim node says 120 s too). */
export const DEFAULT_TRIAGE_LEASE_MS = 120_000;

export const triageClaimInputSchema = z.object({
	ledgerIds,
	/** How long the claim holds before another delivery may take it over. */
	leaseMs: z.int().min(1000).default(DEFAULT_TRIAGE_LEASE_MS),
	/** The gateway's forward lease that delivered the batch, so it can release a dead run's claim. */
	forwardToken: z.uuid().nullable().default(null),
});
export type TriageClaimInput = z.input<typeof triageClaimInputSchema>;

export interface TriageClaim {
	/** 'claimed': handle the `claimed` rows now; 'done': all handled already; 'busy': retry later. */
	status: 'claimed' | 'done' | 'busy';
	/** Proves ownership when completing; null unless something was claimed. */
	token: string | null;
	claimed: number[];
	done: number[];
	busy: number[];
}

export const triageCompletionInputSchema = z.object({
	token: z.uuid(),
	ledgerIds,
	decisionId: z.int().positive().nullable().default(null),
	result: z.string().trim().min(1, 'must say what became of the messages'),
});
export type TriageCompletionInput = z.input<typeof triageCompletionInputSchema>;

const claimRowSchema = z.object({
	id: z.coerce.number().int(),
	state: z.enum(['claimed', 'processing', 'done']).nullable(),
});

// New rows are inserted; a processing row whose lease ran out is taken over. The outer select sees
// the table as it was before this statement, so a row another transaction is claiming right now
// reads as null: busy.
const CLAIM = `with wanted as (select distinct unnest($1::bigint[]) as id),
taken as (
	insert into sb_inbound_claims (inbound_event_id, state, claim_token, lease_until, forward_token)
	select id, 'processing', $2, now() + make_interval(secs => $3::double precision / 1000), $4
	from wanted
	on conflict (inbound_event_id) do update
		set claim_token = excluded.claim_token, lease_until = excluded.lease_until,
			forward_token = excluded.forward_token, claimed_at = now(),
			attempts = sb_inbound_claims.attempts + 1
		where sb_inbound_claims.state = 'processing' and sb_inbound_claims.lease_until < now()
	returning inbound_event_id
)
select w.id, case when t.inbound_event_id is not null then 'claimed' else c.state end as state
from wanted w
left join taken t on t.inbound_event_id = w.id
left join sb_inbound_claims c on c.inbound_event_id = w.id
order by w.id`;

const COMPLETE = `update sb_inbound_claims
set state = 'done', done_at = now(), decision_id = $3, result = $4
where claim_token = $1 and inbound_event_id = any($2::bigint[]) and state = 'processing'
returning inbound_event_id as id`;

export async function claimTriage(db: Queryable, input: TriageClaimInput): Promise<TriageClaim> {
	const claim = parseInput(triageClaimInputSchema, input, 'claimTriage');
	const token = randomUUID();
	let rows: unknown[];
	try {
		({ rows } = await db.query(CLAIM, [claim.ledgerIds, token, claim.leaseMs, claim.forwardToken]));
	} catch (error) {
		// 23503: a ledger id the gateway never wrote.
		if (pgCode(error) !== '23503') throw error;
		throw new LogStoreNotFoundError({
			entity: 'inbound event',
			key: claim.ledgerIds.join(','),
			cause: error,
		});
	}
	const result: TriageClaim = { status: 'done', token: null, claimed: [], done: [], busy: [] };
	for (const row of rows.map((r) => claimRowSchema.parse(r))) {
		if (row.state === 'claimed') result.claimed.push(row.id);
		else if (row.state === 'done') result.done.push(row.id);
		else result.busy.push(row.id);
	}
	if (result.claimed.length > 0) return { ...result, status: 'claimed', token };
	return { ...result, status: result.busy.length > 0 ? 'busy' : 'done' };
}

/**
 * Marks claimed rows done. Returns the ids it completed: fewer than asked means the lease ran out
 * and another delivery took them over.
 */
export async function completeTriage(
	db: Queryable,
	input: TriageCompletionInput,
): Promise<number[]> {
	const completion = parseInput(triageCompletionInputSchema, input, 'completeTriage');
	const { rows } = await db.query(COMPLETE, [
		completion.token,
		completion.ledgerIds,
		completion.decisionId,
		completion.result,
	]);
	return rows.map((row) => claimRowSchema.pick({ id: true }).parse(row).id);
}

// The lease ends now: the next delivery takes the rows over (CLAIM) instead of hearing busy.
const RELEASE = `update sb_inbound_claims set lease_until = now()
where forward_token = $1 and state = 'processing' and lease_until > now()
returning inbound_event_id as id`;

/**
 * Ends the triage claims taken under one forward of the gateway, when the answer to that forward
 * proved the execution is over without having completed them. Returns the released ledger ids.
 */
export async function releaseTriageClaims(db: Queryable, forwardToken: string): Promise<number[]> {
	const token = parseInput(z.uuid(), forwardToken, 'releaseTriageClaims');
	const { rows } = await db.query(RELEASE, [token]);
	return rows.map((row) => claimRowSchema.pick({ id: true }).parse(row).id).sort((a, b) => a - b);
}
