// The deliveries table: one row per broadcast × recipient (unique in the database), claimed with
// a lease before each send, and moved only forward.
import type { Pool } from 'pg';
import {
	DELIVERY_STATES,
	type BroadcastMessage,
	type BroadcastPlan,
	type BroadcastRunStatus,
	type DeliveryCounts,
} from './model.ts';
import type { Queryable } from './suppressions.ts';

export interface ClaimedDelivery {
	id: string;
	broadcastId: string;
	recipientId: string;
	phone: string;
	phoneNumberId: string;
	message: BroadcastMessage;
	/** Attempts so far, this one included. */
	attempts: number;
}

export interface ActiveRun {
	broadcastId: string;
	phoneNumberId: string;
	cancelled: boolean;
}

/**
 * Records the run and one queued delivery per recipient, in one transaction. A second call for the
 * same broadcast (a retried job, a second process) adds nothing: both keys are unique.
 */
export async function startRun(pool: Pool, plan: BroadcastPlan): Promise<boolean> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		const run = await client.query(
			`insert into sb_broadcast_runs (broadcast_id, phone_number_id, recipients)
			 values ($1, $2, $3) on conflict (broadcast_id) do nothing`,
			[plan.broadcastId, plan.phoneNumberId, plan.recipients.length],
		);
		if (run.rowCount === 0) {
			await client.query('rollback');
			return false;
		}
		// In slices, so a 100,000-recipient plan is not one giant statement.
		for (let i = 0; i < plan.recipients.length; i += 1000) {
			const slice = plan.recipients.slice(i, i + 1000);
			await client.query(
				`insert into sb_broadcast_deliveries (broadcast_id, recipient_id, phone, phone_number_id, message)
				 select $1, r.recipient_id, r.phone, $2, r.message
				 from jsonb_to_recordset($3::jsonb) as r(recipient_id text, phone text, message jsonb)
				 on conflict (broadcast_id, recipient_id) do nothing`,
				[
					plan.broadcastId,
					plan.phoneNumberId,
					JSON.stringify(
						slice.map((r) => ({ recipient_id: r.recipientId, phone: r.phone, message: r.message })),
					),
				],
			);
		}
		await client.query('commit');
		return true;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/** Records a broadcast that never started (missed, over the messaging limit) with its reason. */
export async function recordUnstartedRun(
	pool: Queryable,
	broadcastId: string,
	phoneNumberId: string,
	status: BroadcastRunStatus,
	reason: string,
): Promise<void> {
	await pool.query(
		`insert into sb_broadcast_runs (broadcast_id, phone_number_id, status, reason, finished_at)
		 values ($1, $2, $3, $4, now()) on conflict (broadcast_id) do nothing`,
		[broadcastId, phoneNumberId, status, reason],
	);
}

export async function activeRuns(pool: Queryable): Promise<ActiveRun[]> {
	const result = await pool.query<{
		broadcast_id: string;
		phone_number_id: string;
		cancelled: boolean;
	}>(
		`select broadcast_id, phone_number_id, cancelled_at is not null as cancelled
		 from sb_broadcast_runs where status = 'processing'`,
	);
	return result.rows.map((r) => ({
		broadcastId: r.broadcast_id,
		phoneNumberId: r.phone_number_id,
		cancelled: r.cancelled,
	}));
}

/** Whether the senders must stop sending this run now: cancelled, or paused (no longer processing). */
export async function mustStop(pool: Queryable, broadcastId: string): Promise<boolean> {
	const result = await pool.query<{ stop: boolean }>(
		`select cancelled_at is not null or status <> 'processing' as stop
		 from sb_broadcast_runs where broadcast_id = $1`,
		[broadcastId],
	);
	return result.rows[0]?.stop ?? false;
}

/**
 * Marks the run cancelled; the senders stop before their next send. A paused run goes back to
 * processing so that a sender closes it (its queued deliveries cancelled, what was sent kept).
 * False when not running.
 */
export async function markCancelled(pool: Queryable, broadcastId: string): Promise<boolean> {
	const result = await pool.query(
		`update sb_broadcast_runs set cancelled_at = coalesce(cancelled_at, now()), status = 'processing',
		 	paused_at = null
		 where broadcast_id = $1 and status in ('processing', 'paused')`,
		[broadcastId],
	);
	return (result.rowCount ?? 0) > 0;
}

/**
 * Pauses a running broadcast (Meta refused the access token: every other send would fail the
 * same way). True for the call that paused it, so its reason is reported once.
 */
export async function pauseRun(
	pool: Queryable,
	broadcastId: string,
	reason: string,
): Promise<boolean> {
	const result = await pool.query(
		`update sb_broadcast_runs set status = 'paused', paused_at = now(), reason = $2
		 where broadcast_id = $1 and status = 'processing' and cancelled_at is null`,
		[broadcastId, reason],
	);
	return (result.rowCount ?? 0) > 0;
}

/**
 * A paused broadcast sends on from where it stopped; false when it was not paused (or was paused
 * after `pausedBefore`, the time staff's wish was read).
 */
export async function resumeRun(
	pool: Queryable,
	broadcastId: string,
	pausedBefore: Date = new Date(8.64e15),
): Promise<boolean> {
	const result = await pool.query(
		`update sb_broadcast_runs set status = 'processing', paused_at = null, reason = null
		 where broadcast_id = $1 and status = 'paused' and paused_at < $2`,
		[broadcastId, pausedBefore],
	);
	return (result.rowCount ?? 0) > 0;
}

/**
 * Sends whose lease ran out (a killed process, an answer that never came) go back to the queue,
 * unless a status webhook settled them meanwhile (then they are no longer `sending`). Meta echoes
 * our delivery id on every status, so an accepted send is settled by its `sent` webhook; one goes
 * again only when the webhooks have caught up past it: a send from the same number claimed after
 * its client gave up on the answer (or after its dead holder's lease ended) has had its status.
 * Without any such send (nothing else went out), after `lastResortMs`.
 */
export async function requeueExpired(
	pool: Queryable,
	broadcastId: string,
	lastResortMs = 600_000,
): Promise<number> {
	const result = await pool.query(
		`update sb_broadcast_deliveries d set state = 'queued', lease_owner = null, lease_until = null,
		 	outcome_unknown_at = null, updated_at = now()
		 where d.broadcast_id = $1 and d.state = 'sending' and d.lease_until < now()
		 	and (
		 		d.lease_until < now() - make_interval(secs => $2::double precision / 1000)
		 		or exists (
		 			select 1 from sb_broadcast_deliveries w
		 			where w.phone_number_id = d.phone_number_id and w.status_at is not null
		 				and w.claimed_at > coalesce(d.outcome_unknown_at, d.lease_until)))`,
		[broadcastId, lastResortMs],
	);
	return result.rowCount ?? 0;
}

/**
 * Renews this process's leases on its sends in flight, so only a dead process's leases run out:
 * a live one that is merely slow never sees its deliveries claimed by another.
 */
export async function renewLeases(pool: Queryable, owner: string, leaseMs: number): Promise<void> {
	await pool.query(
		`update sb_broadcast_deliveries set lease_until = now() + make_interval(secs => $2::double precision / 1000)
		 where lease_owner = $1 and state = 'sending'`,
		[owner, leaseMs],
	);
}

/**
 * Right before its request leaves: true while this process still holds the delivery (and renews
 * the lease). False means the lease ran out and the delivery may be someone else's now: no send.
 */
export async function holdLease(
	pool: Queryable,
	id: string,
	owner: string,
	leaseMs: number,
): Promise<boolean> {
	const result = await pool.query(
		`update sb_broadcast_deliveries set lease_until = now() + make_interval(secs => $3::double precision / 1000)
		 where id = $1 and lease_owner = $2 and state = 'sending'`,
		[id, owner, leaseMs],
	);
	return (result.rowCount ?? 0) > 0;
}

/** Suppressed recipients still queued are skipped, so their turn costs no token. */
export async function skipSuppressed(pool: Queryable, broadcastId: string): Promise<number> {
	const result = await pool.query(
		`update sb_broadcast_deliveries d set state = 'skipped', error_title = 'suppressed: ' || s.reason,
		 	error_code = s.code, updated_at = now()
		 from sb_suppressions s
		 where d.broadcast_id = $1 and d.state = 'queued' and s.phone = d.phone
		 	and (s.until is null or s.until > now())`,
		[broadcastId],
	);
	return result.rowCount ?? 0;
}

/**
 * Claims up to `limit` due deliveries for `owner` until the lease runs out. SKIP LOCKED lets any
 * number of sender processes claim from one broadcast without ever claiming the same row.
 */
export async function claim(
	pool: Queryable,
	broadcastId: string,
	owner: string,
	limit: number,
	leaseMs: number,
): Promise<ClaimedDelivery[]> {
	const result = await pool.query<{
		id: string;
		recipient_id: string;
		phone: string;
		phone_number_id: string;
		message: BroadcastMessage;
		attempts: number;
	}>(
		`update sb_broadcast_deliveries d set state = 'sending', lease_owner = $2,
		 	lease_until = now() + make_interval(secs => $4::double precision / 1000),
		 	attempts = d.attempts + 1, outcome_unknown_at = null, claimed_at = clock_timestamp(),
		 	updated_at = now()
		 where d.id in (
		 	select id from sb_broadcast_deliveries
		 	where broadcast_id = $1 and state = 'queued' and (not_before is null or not_before <= now())
		 	order by id limit $3 for update skip locked)
		 returning d.id, d.recipient_id, d.phone, d.phone_number_id, d.message, d.attempts`,
		[broadcastId, owner, limit, leaseMs],
	);
	return result.rows
		.map((r) => ({
			id: String(r.id),
			broadcastId,
			recipientId: r.recipient_id,
			phone: r.phone,
			phoneNumberId: r.phone_number_id,
			message: r.message,
			attempts: r.attempts,
		}))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

export interface AcceptedWriter {
	/** Resolves once the acceptance is in the database (written with others, every few ms). */
	record(id: string, wamid: string): Promise<void>;
}

/**
 * Meta accepted sends: written in batches (one statement for up to 200), so that recording does not
 * cost a round trip per message at 80+/s. A status webhook may have come first: the state never
 * moves back. A process killed with acceptances unwritten leaves those rows `sending`; their status
 * webhooks settle them before the lease would send them again.
 */
export function createAcceptedWriter(pool: Queryable, flushMs = 20): AcceptedWriter {
	const pending: { id: string; wamid: string; done: () => void; fail: (e: unknown) => void }[] = [];
	let timer: NodeJS.Timeout | null = null;

	async function flush(): Promise<void> {
		timer = null;
		const batch = pending.splice(0, 200);
		if (pending.length > 0) timer = setTimeout(() => void flush(), 0);
		if (batch.length === 0) return;
		try {
			await pool.query(
				`update sb_broadcast_deliveries d set wamid = coalesce(d.wamid, v.wamid),
				 	state = case when d.state in ('queued', 'sending') then 'sent' else d.state end,
				 	sent_at = coalesce(d.sent_at, now()), lease_owner = null, lease_until = null,
				 	outcome_unknown_at = null, updated_at = now()
				 from unnest($1::bigint[], $2::text[]) as v(id, wamid)
				 where d.id = v.id`,
				[batch.map((b) => b.id), batch.map((b) => b.wamid)],
			);
			for (const b of batch) b.done();
		} catch (error) {
			for (const b of batch) b.fail(error);
		}
	}

	return {
		record(id, wamid) {
			return new Promise((done, fail) => {
				pending.push({ id, wamid, done, fail });
				timer ??= setTimeout(() => void flush(), flushMs);
			});
		},
	};
}

/**
 * The request may have reached Meta but its answer was lost. The row stays `sending`, held for
 * `settleMs` so that the status webhooks (which carry our delivery id) can settle it before any
 * second attempt.
 */
export async function markOutcomeUnknown(
	pool: Queryable,
	id: string,
	settleMs: number,
): Promise<void> {
	await pool.query(
		`update sb_broadcast_deliveries set outcome_unknown_at = now(), lease_owner = null,
		 	lease_until = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
		 where id = $1 and state = 'sending'`,
		[id, settleMs],
	);
}

export interface RequeueOptions {
	/** Sent instead from now on (131047: the template form of a free text). */
	message?: BroadcastMessage;
	/** What went wrong, kept on the row until it is sent. */
	error?: { code: number; title: string };
	/** The attempt does not count against the retry limit (our own pacing, Meta's throttling). */
	uncounted?: boolean;
}

/** Back to the queue, not before `delayMs` from now. */
export async function requeue(
	pool: Queryable,
	id: string,
	delayMs: number,
	options: RequeueOptions = {},
): Promise<void> {
	await pool.query(
		`update sb_broadcast_deliveries set state = 'queued', lease_owner = null, lease_until = null,
		 	not_before = now() + make_interval(secs => $2::double precision / 1000),
		 	message = coalesce($3::jsonb, message), error_code = coalesce($4, error_code),
		 	error_title = coalesce($5, error_title),
		 	attempts = case when $6 then greatest(attempts - 1, 0) else attempts end, updated_at = now()
		 where id = $1 and state = 'sending'`,
		[
			id,
			delayMs,
			options.message ? JSON.stringify(options.message) : null,
			options.error?.code ?? null,
			options.error?.title ?? null,
			options.uncounted ?? false,
		],
	);
}

/** A claimed delivery not sent after all (the broadcast was cancelled): its attempt does not count. */
export async function release(pool: Queryable, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	await pool.query(
		`update sb_broadcast_deliveries set state = 'queued', lease_owner = null, lease_until = null,
		 	attempts = greatest(attempts - 1, 0), updated_at = now()
		 where id = any($1::bigint[]) and state = 'sending'`,
		[ids],
	);
}

export async function markFailed(
	pool: Queryable,
	id: string,
	code: number | null,
	title: string,
): Promise<void> {
	await pool.query(
		`update sb_broadcast_deliveries set state = 'failed', error_code = $2, error_title = $3,
		 	failed_at = now(), lease_owner = null, lease_until = null, updated_at = now()
		 where id = $1 and state in ('queued', 'sending')`,
		[id, code, title.slice(0, 500)],
	);
}

export async function markSkipped(pool: Queryable, id: string, title: string): Promise<void> {
	await pool.query(
		`update sb_broadcast_deliveries set state = 'skipped', error_title = $2, lease_owner = null,
		 	lease_until = null, updated_at = now()
		 where id = $1 and state = 'sending'`,
		[id, title],
	);
}

export async function deliveryCounts(
	pool: Queryable,
	broadcastId: string,
): Promise<DeliveryCounts> {
	const result = await pool.query<{ state: string; n: string }>(
		`select state, count(*) as n from sb_broadcast_deliveries where broadcast_id = $1 group by state`,
		[broadcastId],
	);
	const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as DeliveryCounts;
	counts.total = 0;
	for (const row of result.rows) {
		counts[row.state as keyof DeliveryCounts] = Number(row.n);
		counts.total += Number(row.n);
	}
	return counts;
}

/**
 * Closes the run when nothing is left to send: cancelled ones keep what was sent and cancel the
 * rest. Returns the final status, or null while deliveries are still queued or in flight.
 */
export async function finishIfDone(
	pool: Pool,
	broadcastId: string,
): Promise<BroadcastRunStatus | null> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		const run = await client.query<{ cancelled: boolean; status: string }>(
			`select cancelled_at is not null as cancelled, status from sb_broadcast_runs
			 where broadcast_id = $1 for update`,
			[broadcastId],
		);
		const row = run.rows[0];
		if (!row || row.status !== 'processing') {
			await client.query('rollback');
			return null;
		}
		if (row.cancelled) {
			await client.query(
				`update sb_broadcast_deliveries set state = 'cancelled', updated_at = now()
				 where broadcast_id = $1 and state = 'queued'`,
				[broadcastId],
			);
		}
		const open = await client.query<{ n: string }>(
			`select count(*) as n from sb_broadcast_deliveries
			 where broadcast_id = $1 and state in ('queued', 'sending')`,
			[broadcastId],
		);
		if (Number(open.rows[0]?.n ?? 0) > 0) {
			await client.query('rollback');
			return null;
		}
		const outcome = await client.query<{ failed: string; reached: string }>(
			`select count(*) filter (where state = 'failed') as failed,
			 	count(*) filter (where state in ('sent', 'delivered', 'read')) as reached
			 from sb_broadcast_deliveries where broadcast_id = $1`,
			[broadcastId],
		);
		const failed = Number(outcome.rows[0]?.failed ?? 0);
		const reached = Number(outcome.rows[0]?.reached ?? 0);
		const status: BroadcastRunStatus = row.cancelled
			? 'cancelled'
			: failed === 0
				? 'sent'
				: reached === 0
					? 'failed'
					: 'partially_failed';
		await client.query(
			`update sb_broadcast_runs set status = $2, finished_at = now() where broadcast_id = $1`,
			[broadcastId, status],
		);
		await client.query('commit');
		return status;
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

/** Re-opens a finished run for a delivery sent again (a 131047 answered with the template form). */
export async function reopenRun(pool: Queryable, broadcastId: string): Promise<void> {
	await pool.query(
		`update sb_broadcast_runs set status = 'processing', finished_at = null
		 where broadcast_id = $1 and status in ('sent', 'partially_failed', 'failed')`,
		[broadcastId],
	);
}

/**
 * Unique users our broadcasts reached in the last 24 hours (Meta's portfolio messaging limit counts
 * unique users outside the service window across all numbers; we count every broadcast send,
 * which can only over-count).
 */
export async function usersReachedLast24h(pool: Queryable): Promise<Set<string>> {
	const result = await pool.query<{ phone: string }>(
		`select distinct phone from sb_broadcast_deliveries where sent_at > now() - interval '24 hours'`,
	);
	return new Set(result.rows.map((r) => r.phone));
}
