// Query builders for forwarding the ledger: data in, `{ text, values }` out, never executed here.
// Every time comes from the database's clock (now()), so several gateway instances agree on what
// is due whatever their own clocks say.
import { insertInboundEvent, type Query } from './queries.ts';
import type { DebounceOptions } from './ledger-queue.ts';
import type { InboundEvent } from './schemas.ts';

const ms = (placeholder: string) =>
	`make_interval(secs => ${placeholder}::double precision / 1000)`;

// A batch is one conversation: rows of the same (account_id, conversation_id) travel together.
const sameConversation = (alias = '') => `${alias}account_id = $1 and ${alias}conversation_id = $2`;

const LEASED_COLUMNS =
	'id, source, chatwoot_message_id as "chatwootMessageId", conversation_id as "conversationId",' +
	' account_id as "accountId", inbox_id as "inboxId", event, payload, attempts,' +
	' received_at as "receivedAt", busy_attempts as "busyAttempts",' +
	' (extract(epoch from now() - busy_since) * 1000)::bigint as "busyForMs"';

/**
 * The webhook's ack path in one statement (one round trip, atomic without begin/commit): writes the
 * event as pending and restarts its conversation's debounce (see enqueueInboundEvent in
 * ledger-queue.ts). The CTEs share one snapshot, so the update cannot see the new row: the row gets
 * the due time directly, and the oldest fresh arrival counts the new one in. No row comes back for
 * a duplicate.
 */
export function enqueueInboundEvent(event: InboundEvent, debounce: DebounceOptions): Query {
	const insert = insertInboundEvent(event, { next_attempt_at: '(select at from due)' });
	// Our parameters follow the insert's.
	const $ = (i: number) => `$${insert.values.length + i}`;
	const same = `account_id = ${$(1)} and conversation_id = ${$(2)}`;
	return {
		text:
			'with batch as (select min(received_at) filter (where attempts = 0) as first_fresh,' +
			' max(next_attempt_at) filter (where attempts > 0) as retry_due' +
			` from sb_inbound_events where ${same} and status = 'pending'),` +
			' due as (select greatest(' +
			`least(now() + ${ms($(3))}, least(coalesce(b.first_fresh, 'infinity'),` +
			` coalesce(${$(5)}::timestamptz, now())) + ${ms($(4))}),` +
			` coalesce(b.retry_due, '-infinity'::timestamptz)) as at from batch b),` +
			` fresh as (${insert.text}, next_attempt_at),` +
			' rescheduled as (update sb_inbound_events e set next_attempt_at = f.next_attempt_at' +
			` from fresh f where e.${same} and e.status = 'pending')` +
			' select id, next_attempt_at as "dueAt" from fresh',
		values: [
			...insert.values,
			event.accountId,
			event.conversationId,
			debounce.debounceMs,
			debounce.maxWaitMs,
			event.receivedAt ?? null,
		],
	};
}

export interface QueuedRevisionQuery {
	accountId: number;
	chatwootMessageId: number;
	/** The stored record, as jsonb text. */
	payload: string;
	/** Set: the row leaves its batch as dropped with this reason; null: it stays pending. */
	dropReason: string | null;
}

/**
 * A queued event's record rewritten in place, in one statement, while it still waits: pending (not
 * being forwarded, not done, never reopened) and not claimed by a triage. Its due time stays: an
 * edit does not hold the batch back. A concurrent lease locks the row first, and this then finds it
 * forwarding and changes nothing.
 */
export function reviseQueuedEvent(input: QueuedRevisionQuery): Query {
	return {
		text:
			'update sb_inbound_events e set payload = $3::jsonb,' +
			" status = case when $4::text is null then e.status else 'dropped' end," +
			' drop_reason = coalesce($4::text, e.drop_reason),' +
			' next_attempt_at = case when $4::text is null then e.next_attempt_at end' +
			" where e.account_id = $1 and e.chatwoot_message_id = $2 and e.status = 'pending'" +
			' and not exists (select 1 from sb_inbound_claims c where c.inbound_event_id = e.id)' +
			' returning e.id, e.status',
		values: [input.accountId, input.chatwootMessageId, input.payload, input.dropReason],
	};
}

/** Conversations with something due: pending rows whose time came, or leases that ran out. */
export function selectDueConversations(limit: number): Query {
	return {
		text:
			'select account_id as "accountId", conversation_id as "conversationId"' +
			" from sb_inbound_events where status in ('pending', 'forwarding')" +
			' and conversation_id is not null' +
			' and (next_attempt_at is null or next_attempt_at <= now())' +
			' order by next_attempt_at nulls first, id limit $1',
		values: [limit],
	};
}

// Any constant works as long as every gateway uses the same one ("sb_f" in ASCII).
const BATCH_LOCK_NAMESPACE = 0x73625f66;

/** Held to the end of the transaction; false when another gateway is leasing this conversation. */
export function tryLockConversation(accountId: number, conversationId: number): Query {
	return {
		text: 'select pg_try_advisory_xact_lock($1, hashtext($2)) as "locked"',
		values: [BATCH_LOCK_NAMESPACE, `${accountId}:${conversationId}`],
	};
}

export interface ForwardLeaseInput {
	accountId: number;
	conversationId: number;
	leaseToken: string;
	leaseMs: number;
}

/**
 * Takes the conversation's pending rows (and rows whose lease ran out) when something in it is due
 * and no other batch of it is in flight: one batch per conversation at a time keeps the order.
 */
export function leaseConversation(input: ForwardLeaseInput): Query {
	return {
		text:
			"update sb_inbound_events set status = 'forwarding', attempts = attempts + 1," +
			` claim_token = $3, next_attempt_at = now() + ${ms('$4')}` +
			` where ${sameConversation()}` +
			" and (status = 'pending' or (status = 'forwarding' and next_attempt_at <= now()))" +
			` and exists (select 1 from sb_inbound_events d where ${sameConversation('d.')}` +
			" and d.status in ('pending', 'forwarding')" +
			' and (d.next_attempt_at is null or d.next_attempt_at <= now()))' +
			` and not exists (select 1 from sb_inbound_events f where ${sameConversation('f.')}` +
			" and f.status = 'forwarding' and f.next_attempt_at > now())" +
			` returning ${LEASED_COLUMNS}`,
		values: [input.accountId, input.conversationId, input.leaseToken, input.leaseMs],
	};
}

/** Only the holder of the forward lease completes it: a lease taken over meanwhile is left alone. */
export function completeLease(leaseToken: string): Query {
	return {
		text:
			"update sb_inbound_events set status = 'done', forwarded_at = now(), next_attempt_at = null," +
			" last_error = null where claim_token = $1 and status = 'forwarding' returning id",
		values: [leaseToken],
	};
}

/**
 * A real failure. It ends any streak of busy answers, unless it is that streak having lasted too
 * long (`endsBusyStreak` false): then every further busy answer counts as a failure too.
 */
export function retryLease(
	leaseToken: string,
	delayMs: number,
	error: string,
	endsBusyStreak = true,
): Query {
	return {
		text:
			`update sb_inbound_events set status = 'pending', next_attempt_at = now() + ${ms('$2')},` +
			' last_error = $3, busy_since = case when $4::boolean then null else busy_since end' +
			" where claim_token = $1 and status = 'forwarding' returning id",
		values: [leaseToken, delayMs, error, endsBusyStreak],
	};
}

/**
 * Workflow 01 was busy with the batch: back to pending like a retry, but the attempt the lease
 * counted is given back and counted as busy instead; the streak's start is kept.
 */
export function busyLease(leaseToken: string, delayMs: number, error: string): Query {
	return {
		text:
			`update sb_inbound_events set status = 'pending', next_attempt_at = now() + ${ms('$2')},` +
			' last_error = $3, attempts = greatest(attempts - 1, 0),' +
			' busy_attempts = busy_attempts + 1, busy_since = coalesce(busy_since, now())' +
			" where claim_token = $1 and status = 'forwarding' returning id",
		values: [leaseToken, delayMs, error],
	};
}

export function deadLetterLease(leaseToken: string, error: string): Query {
	return {
		text:
			"update sb_inbound_events set status = 'dead', next_attempt_at = null, last_error = $2" +
			" where claim_token = $1 and status = 'forwarding' returning id",
		values: [leaseToken, error],
	};
}

const DEAD_LETTER_COLUMNS =
	'id, source, account_id as "accountId", conversation_id as "conversationId",' +
	' chatwoot_message_id as "chatwootMessageId", attempts, last_error as "lastError",' +
	' received_at as "receivedAt"';

export function selectDeadLetters(limit: number): Query {
	return {
		text: `select ${DEAD_LETTER_COLUMNS} from sb_inbound_events where status = 'dead' order by id limit $1`,
		values: [limit],
	};
}

/** `ids` null replays every dead letter. A replayed row starts over: attempts back to 0, due now. */
export function replayDeadLetters(ids: number[] | null): Query {
	return {
		text:
			"update sb_inbound_events set status = 'pending', attempts = 0, next_attempt_at = now()," +
			" claim_token = null, busy_attempts = 0, busy_since = null where status = 'dead'" +
			(ids === null ? '' : ' and id = any($1::bigint[])') +
			' returning id',
		values: ids === null ? [] : [ids],
	};
}

/**
 * The subset of `messageIds` the ledger already holds for the account, dropped ones included: those
 * rows keep the message id only in their dedupe key (droppedDeliveryId in schemas.ts).
 */
export function selectKnownMessageIds(accountId: number, messageIds: number[]): Query {
	return {
		text:
			'select m.id from unnest($2::bigint[]) as m(id) where exists (select 1 from sb_inbound_events e' +
			' where e.account_id = $1 and (e.chatwoot_message_id = m.id' +
			" or e.delivery_id = 'dropped-' || $1 || '-' || m.id))",
		values: [accountId, messageIds],
	};
}
