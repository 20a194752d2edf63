// The ledger as the gateway's forwarding queue: enqueue inbound events with debounce, revise one
// that still waits (a customer's edit or deletion), take a conversation's batch under a forward
// lease, then complete, retry or dead-letter the forward; and the dead-letter tools.
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { z } from 'zod/v4';
import { LogStoreValidationError, parseInput } from './errors.ts';
import * as queries from './ledger-queue-queries.ts';
import type { Query } from './queries.ts';
import { findInboundEventDuplicate, type Queryable } from './repository.ts';
import {
	INBOUND_SOURCES,
	inboundEventInputSchema,
	jsonObject,
	type InboundEventInput,
} from './schemas.ts';

/** A pg Pool fits: the operations that need a transaction take a client of their own. */
export interface TransactionPool {
	connect(): Promise<PoolClient>;
}

const dbNumber = z.coerce.number();

const queuedEventSchema = z.object({ id: dbNumber, dueAt: z.date() });

export const leasedEventSchema = z.object({
	id: dbNumber,
	source: z.enum(INBOUND_SOURCES),
	chatwootMessageId: dbNumber.nullable(),
	conversationId: dbNumber,
	accountId: dbNumber,
	inboxId: dbNumber.nullable(),
	event: z.string(),
	payload: z.record(z.string(), z.unknown()),
	/** This attempt included; busy answers of workflow 01 are not in it. */
	attempts: z.number().int(),
	receivedAt: z.date(),
	/** How many times workflow 01 answered busy for this event (they spend no attempt). */
	busyAttempts: z.number().int(),
	/** How long its current streak of busy answers has lasted, by the database's clock; null: none. */
	busyForMs: dbNumber.nullable(),
});
export type LeasedEvent = z.output<typeof leasedEventSchema>;

export interface LeasedBatch {
	leaseToken: string;
	accountId: number;
	conversationId: number;
	/** In Chatwoot's order (message id), whatever order the webhooks arrived in. */
	events: LeasedEvent[];
}

export const deadLetterSchema = z.object({
	id: dbNumber,
	source: z.enum(INBOUND_SOURCES),
	accountId: dbNumber,
	conversationId: dbNumber.nullable(),
	chatwootMessageId: dbNumber.nullable(),
	attempts: z.number().int(),
	lastError: z.string().nullable(),
	receivedAt: z.date(),
});
export type DeadLetter = z.output<typeof deadLetterSchema>;

export interface DebounceOptions {
	debounceMs: number;
	/** The longest a batch can hold its first inbound event back. */
	maxWaitMs: number;
}

export interface ForwardLeaseOptions {
	/** How long the forward lease is ours; after that another gateway may take the batch over. */
	leaseMs: number;
	/** Due conversations looked at per call. */
	scan?: number;
}

export async function withTransaction<T>(
	pool: TransactionPool,
	work: (client: PoolClient) => Promise<T>,
): Promise<T> {
	const client = await pool.connect();
	let failed = false;
	// A checked-out client's lost connection (PostgreSQL stopped or restarted) is emitted on the
	// client, which the pool no longer listens to: unheard, it would crash the process (the
	// gateway, n8n). The query in flight rejects with the same error; that is what callers see.
	const lost = () => {
		failed = true;
	};
	client.on('error', lost);
	try {
		await client.query('begin');
		const result = await work(client);
		await client.query('commit');
		return result;
	} catch (error) {
		failed = true;
		await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.removeListener('error', lost);
		// A session that failed mid-transaction is discarded rather than pooled.
		client.release(failed);
	}
}

/**
 * Writes a message to the ledger as pending and (re)starts its conversation's debounce, in one
 * statement: a crash in between cannot leave a row that is never due. Debounce: every pending row
 * of the conversation becomes due `debounceMs` after the newest arrival, but no later than
 * `maxWaitMs` after the oldest fresh one (a chatty customer still gets an answer), and never before
 * a retry's backoff runs out. A duplicate changes nothing.
 */
export async function enqueueInboundEvent(
	db: Queryable,
	input: InboundEventInput,
	options: DebounceOptions,
): Promise<{ id: number; duplicate: boolean; dueAt: Date | null }> {
	const event = parseInput(inboundEventInputSchema, input, 'enqueueInboundEvent');
	if (!event.conversationId || event.status !== 'pending') {
		throw new LogStoreValidationError({
			operation: 'enqueueInboundEvent',
			issues: [{ field: 'conversationId', message: 'a pending event needs its conversation' }],
		});
	}
	const [queued] = await run(db, queries.enqueueInboundEvent(event, options));
	if (queued) return { ...queuedEventSchema.parse(queued), duplicate: false };
	// A redelivery: the row it collided with (the rare second round trip).
	return { ...(await findInboundEventDuplicate(db, event)), dueAt: null };
}

export const queuedRevisionSchema = z.object({
	accountId: z.int().positive(),
	chatwootMessageId: z.int().positive(),
	payload: jsonObject,
	/** Takes the event out of its batch (e.g. `deleted`): it is never forwarded. Null keeps it. */
	dropReason: z.string().trim().min(1).nullable().default(null),
});
export type QueuedRevisionInput = z.input<typeof queuedRevisionSchema>;

/**
 * A customer edited or deleted a message that still waits in its batch: its stored record becomes
 * `payload` (what triage will read), or it leaves the batch with `dropReason`. Null when no queued
 * event of the message can still change (never queued, being forwarded, claimed, done, dropped,
 * dead): then nothing was written.
 */
export async function reviseQueuedEvent(
	db: Queryable,
	input: QueuedRevisionInput,
): Promise<{ id: number; status: 'pending' | 'dropped' } | null> {
	const revision = parseInput(queuedRevisionSchema, input, 'reviseQueuedEvent');
	const [row] = await run(
		db,
		queries.reviseQueuedEvent({ ...revision, payload: JSON.stringify(revision.payload) }),
	);
	return row ? revisedRowSchema.parse(row) : null;
}

const revisedRowSchema = z.object({ id: dbNumber, status: z.enum(['pending', 'dropped']) });

/** The next due conversation's batch, under a forward lease of `leaseMs`; null when nothing is due. */
export async function claimForward(
	pool: TransactionPool,
	options: ForwardLeaseOptions,
): Promise<LeasedBatch | null> {
	return withTransaction(pool, async (client) => {
		const due = await run(client, queries.selectDueConversations(options.scan ?? 20));
		const seen = new Set<string>();
		for (const row of due) {
			const { accountId, conversationId } = conversationKeySchema.parse(row);
			const key = `${accountId}:${conversationId}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const [lock] = await run(client, queries.tryLockConversation(accountId, conversationId));
			if (!(lock as { locked: boolean }).locked) continue;
			const leaseToken = randomUUID();
			const leased = await run(
				client,
				queries.leaseConversation({
					accountId,
					conversationId,
					leaseToken,
					leaseMs: options.leaseMs,
				}),
			);
			if (leased.length === 0) continue;
			const events = leased.map((r) => leasedEventSchema.parse(r)).sort(inMessageOrder);
			return { leaseToken, accountId, conversationId, events };
		}
		return null;
	});
}

/** Ends the forward lease: the batch was forwarded; the ids it changed (none when the lease was lost meanwhile). */
export async function completeForward(db: Queryable, leaseToken: string): Promise<number[]> {
	return ids(await run(db, queries.completeLease(leaseToken)));
}

/**
 * Back to pending, due again after `delayMs`. `endsBusyStreak: false` when the failure is workflow
 * 01 having been busy for too long, so the streak's start is kept.
 */
export async function retryForward(
	db: Queryable,
	leaseToken: string,
	delayMs: number,
	error: string,
	options: { endsBusyStreak?: boolean } = {},
): Promise<number[]> {
	return ids(
		await run(
			db,
			queries.retryLease(leaseToken, Math.max(0, delayMs), error, options.endsBusyStreak ?? true),
		),
	);
}

/**
 * Back to pending, due again after `delayMs`, without spending an attempt: workflow 01 answered
 * busy (another of its executions holds the triage claim).
 */
export async function busyForward(
	db: Queryable,
	leaseToken: string,
	delayMs: number,
	error: string,
): Promise<number[]> {
	return ids(await run(db, queries.busyLease(leaseToken, Math.max(0, delayMs), error)));
}

export async function deadLetterForward(
	db: Queryable,
	leaseToken: string,
	error: string,
): Promise<number[]> {
	return ids(await run(db, queries.deadLetterLease(leaseToken, error)));
}

/** Oldest first. */
export async function listDeadLetters(db: Queryable, limit = 100): Promise<DeadLetter[]> {
	const rows = await run(db, queries.selectDeadLetters(limit));
	return rows.map((row) => deadLetterSchema.parse(row));
}

/** `'all'` or the ids to replay; returns the ids that were dead and are pending again. */
export async function replayDeadLetters(db: Queryable, which: number[] | 'all'): Promise<number[]> {
	if (which !== 'all' && which.length === 0) return [];
	return ids(await run(db, queries.replayDeadLetters(which === 'all' ? null : which)));
}

/** Which of these Chatwoot message ids the ledger has already seen (in any status). */
export async function knownMessageIds(
	db: Queryable,
	accountId: number,
	messageIds: number[],
): Promise<Set<number>> {
	if (messageIds.length === 0) return new Set();
	return new Set(ids(await run(db, queries.selectKnownMessageIds(accountId, messageIds))));
}

const conversationKeySchema = z.object({ accountId: dbNumber, conversationId: dbNumber });

function inMessageOrder(a: LeasedEvent, b: LeasedEvent): number {
	const byMessage = (a.chatwootMessageId ?? Infinity) - (b.chatwootMessageId ?? Infinity);
	return byMessage || a.id - b.id;
}

function ids(rows: unknown[]): number[] {
	return rows.map((row) => Number((row as { id: unknown }).id)).sort((a, b) => a - b);
}

async function run(db: Queryable, query: Query): Promise<unknown[]> {
	return (await db.query(query.text, query.values)).rows;
}
