// The triage claims of a dead-lettered batch (sb_inbound_claims, migration 0007): which of its
// inbound events nobody has handled yet, and marking them handled by the hand-off to a person, so a
// claim left `processing` by a failed n8n run is released and a second dead-letter pass (after a
// replay that failed again) finds nothing left to hand off.
import type { Queryable } from '../../log-store/repository.ts';

/** What sb_inbound_claims.result says of events that went to a person because forwarding failed. */
export const DEAD_LETTER_RESULT = 'dead_letter_handoff';

const UNHANDLED = `select e.id::bigint as id
from unnest($1::bigint[]) as e(id)
left join sb_inbound_claims c on c.inbound_event_id = e.id
where c.state is distinct from 'done'
order by e.id`;

// A processing claim belongs to a run that failed (the gateway gave up on it): released by being
// marked done. A claim a triage completed is left as it is.
const MARK_HANDED_OFF = `insert into sb_inbound_claims
	(inbound_event_id, state, claim_token, lease_until, done_at, result)
select id, 'done', gen_random_uuid(), now(), now(), $2 from unnest($1::bigint[]) as e(id)
on conflict (inbound_event_id) do update
	set state = 'done', done_at = now(), result = excluded.result
	where sb_inbound_claims.state = 'processing'
returning inbound_event_id::bigint as id`;

const ids = (rows: unknown[]) => rows.map((row) => Number((row as { id: unknown }).id));

/** The events neither a triage nor an earlier hand-off has handled, in ledger order. */
export async function unhandledEvents(db: Queryable, ledgerIds: number[]): Promise<number[]> {
	return ids((await db.query(UNHANDLED, [ledgerIds])).rows);
}

/** Marks the events handled by a hand-off; returns those it changed. */
export async function markHandedOff(db: Queryable, ledgerIds: number[]): Promise<number[]> {
	return ids((await db.query(MARK_HANDED_OFF, [ledgerIds, DEAD_LETTER_RESULT])).rows);
}
