import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import { LogStoreValidationError } from './errors.ts';
import {
	busyForward,
	claimForward,
	completeForward,
	deadLetterForward,
	enqueueInboundEvent,
	knownMessageIds,
	listDeadLetters,
	replayDeadLetters,
	retryForward,
	reviseQueuedEvent,
	withTransaction,
	type LeasedBatch,
} from './ledger-queue.ts';
import { migrate } from './migrate.ts';
import { recordInboundEvent } from './repository.ts';
import type { InboundEventInput } from './schemas.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let nextId = 5000;
const uniqueId = (): number => ++nextId;

const message = (overrides: Partial<InboundEventInput> = {}): InboundEventInput => ({
	source: 'agent_bot',
	deliveryId: `delivery-${uniqueId()}`,
	chatwootMessageId: uniqueId(),
	conversationId: 7,
	accountId: 1,
	inboxId: 2,
	event: 'message_created',
	payload: { event: 'message_created', content: 'hello' },
	...overrides,
});

const now = { debounceMs: 0, maxWaitMs: 60_000 };
const lease = { leaseMs: 60_000 };

describe('ledger-queue', () => {
	let db: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		// pool.end() resolves before the server closed the session, which the forced drop may then
		// end; that error must not fail the run.
		pool.on('error', () => undefined);
		await migrate(pool);
	});
	after(() => db.drop());
	beforeEach(() => pool.query('truncate sb_inbound_events restart identity cascade'));

	const statusOf = async (id: number) =>
		(await pool.query('select status, attempts from sb_inbound_events where id = $1', [id]))
			.rows[0] as { status: string; attempts: number };

	describe('withTransaction', () => {
		it('should reject, not crash the process, when PostgreSQL ends its session mid-transaction', async () => {
			await assert.rejects(
				withTransaction(pool, async (client) => {
					const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
					// As a stop or restart of PostgreSQL does: the server ends the session while the
					// client is checked out and idle between two statements.
					await pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
					await new Promise((resolve) => setTimeout(resolve, 300));
					await client.query('select 1');
				}),
			);
			assert.equal((await pool.query('select 1 as one')).rows[0].one, 1, 'the pool still works');
		});
	});

	describe('enqueueInboundEvent', () => {
		it('should make the whole conversation due after the newest arrival', async () => {
			const first = await enqueueInboundEvent(pool, message(), {
				debounceMs: 60_000,
				maxWaitMs: 600_000,
			});
			const second = await enqueueInboundEvent(pool, message(), {
				debounceMs: 60_000,
				maxWaitMs: 600_000,
			});
			const { rows } = await pool.query(
				'select next_attempt_at from sb_inbound_events order by id',
			);
			assert.ok(second.dueAt && first.dueAt && second.dueAt >= first.dueAt);
			assert.deepEqual(
				rows.map((r: { next_attempt_at: Date }) => r.next_attempt_at),
				[second.dueAt, second.dueAt],
			);
			assert.equal(await claimForward(pool, lease), null);
		});

		it('should cap the wait at maxWaitMs after the first message of a burst', async () => {
			const first = await enqueueInboundEvent(pool, message(), {
				debounceMs: 600_000,
				maxWaitMs: 0,
			});
			const { rows } = await pool.query('select received_at from sb_inbound_events');
			assert.deepEqual(first.dueAt, (rows[0] as { received_at: Date }).received_at);
			assert.notEqual(await claimForward(pool, lease), null);
		});

		it('should count a late-found message from when it was received, not from now', async () => {
			// The reconciler ingests a message whose webhook never came, minutes after it was sent.
			const receivedAt = new Date(Date.now() - 10 * 60_000);
			const late = await enqueueInboundEvent(pool, message({ receivedAt }), {
				debounceMs: 60_000,
				maxWaitMs: 5 * 60_000,
			});
			assert.deepEqual(late.dueAt, new Date(receivedAt.getTime() + 5 * 60_000));
			assert.notEqual(await claimForward(pool, lease), null);
		});

		it('should give a burst written at the same moment one batch', async () => {
			const burst = await Promise.all(
				Array.from({ length: 5 }, () =>
					enqueueInboundEvent(pool, message(), { debounceMs: 0, maxWaitMs: 60_000 }),
				),
			);
			assert.equal(new Set(burst.map((queued) => queued.id)).size, 5);
			const batch = await claimForward(pool, lease);
			assert.deepEqual(
				batch?.events.map((event) => event.id).sort((a, b) => a - b),
				burst.map((queued) => queued.id).sort((a, b) => a - b),
			);
		});

		it('should change nothing for a duplicate delivery', async () => {
			const input = message();
			const first = await enqueueInboundEvent(pool, input, now);
			const again = await enqueueInboundEvent(pool, { ...input, deliveryId: 'other' }, now);
			assert.deepEqual(again, { id: first.id, duplicate: true, dueAt: null });
		});

		it('should refuse an event without a conversation', async () => {
			await assert.rejects(
				enqueueInboundEvent(pool, message({ conversationId: null }), now),
				LogStoreValidationError,
			);
		});
	});

	describe('claimForward', () => {
		it('should claim every row of the conversation, in message order', async () => {
			const later = await enqueueInboundEvent(pool, message({ chatwootMessageId: 900 }), now);
			const earlier = await enqueueInboundEvent(pool, message({ chatwootMessageId: 800 }), now);
			await enqueueInboundEvent(pool, message({ conversationId: 8 }), {
				debounceMs: 600_000,
				maxWaitMs: 600_000,
			});
			const batch = await claimForward(pool, lease);
			assert.ok(batch);
			assert.equal(batch.conversationId, 7);
			assert.deepEqual(
				batch.events.map((e) => e.id),
				[earlier.id, later.id],
			);
			assert.deepEqual(
				batch.events.map((e) => e.attempts),
				[1, 1],
			);
			assert.deepEqual(await statusOf(later.id), { status: 'forwarding', attempts: 1 });
			assert.equal(await claimForward(pool, lease), null, 'the other conversation is not due');
		});

		it('should hold a new message back while its conversation has a batch in flight', async () => {
			await enqueueInboundEvent(pool, message(), now);
			assert.ok(await claimForward(pool, lease));
			await enqueueInboundEvent(pool, message(), now);
			assert.equal(await claimForward(pool, lease), null);
		});

		it('should let another claimer take over a batch whose lease ran out', async () => {
			await enqueueInboundEvent(pool, message(), now);
			const lost = await claimForward(pool, { leaseMs: 0 });
			const taken = await claimForward(pool, lease);
			assert.ok(lost && taken);
			assert.deepEqual(await completeForward(pool, lost.leaseToken), []);
			assert.equal((await completeForward(pool, taken.leaseToken)).length, 1);
			assert.equal(taken.events[0]?.attempts, 2);
		});

		it('should never hand the same row to two concurrent claimers', async () => {
			const other = db.pool();
			other.on('error', () => undefined);
			for (let conversation = 1; conversation <= 20; conversation += 1) {
				for (let i = 0; i < 3; i += 1) {
					await enqueueInboundEvent(pool, message({ conversationId: conversation }), now);
				}
			}
			const drain = async (from: pg.Pool) => {
				const batches: LeasedBatch[] = [];
				for (
					let batch = await claimForward(from, lease);
					batch;
					batch = await claimForward(from, lease)
				) {
					batches.push(batch);
				}
				return batches;
			};
			const [a, b] = await Promise.all([drain(pool), drain(other)]);
			const claimed = [...a, ...b].flatMap((batch) => batch.events.map((e) => e.id));
			assert.equal(claimed.length, 60);
			assert.equal(new Set(claimed).size, 60);
		});
	});

	describe('retryForward and deadLetterForward', () => {
		it('should make a retried batch due again only after its delay', async () => {
			const { id } = await enqueueInboundEvent(pool, message(), now);
			const batch = await claimForward(pool, lease);
			assert.ok(batch);
			assert.deepEqual(await retryForward(pool, batch.leaseToken, 600_000, 'HTTP 503'), [id]);
			assert.equal(await claimForward(pool, lease), null);
			const { rows } = await pool.query('select status, last_error from sb_inbound_events');
			assert.deepEqual(rows, [{ status: 'pending', last_error: 'HTTP 503' }]);
		});

		it('should give back the attempt of a busy answer, and count it apart', async () => {
			const { id } = await enqueueInboundEvent(pool, message(), now);
			const first = await claimForward(pool, lease);
			assert.ok(first);
			assert.deepEqual(await busyForward(pool, first.leaseToken, 0, 'busy'), [id]);
			const second = await claimForward(pool, lease);
			assert.deepEqual(
				second?.events.map((e) => [e.attempts, e.busyAttempts, e.busyForMs !== null]),
				[[1, 1, true]],
			);
			assert.ok(second);
			// A real failure ends the busy streak.
			await retryForward(pool, second.leaseToken, 0, 'HTTP 503');
			const third = await claimForward(pool, lease);
			assert.deepEqual(
				third?.events.map((e) => [e.attempts, e.busyAttempts, e.busyForMs]),
				[[2, 1, null]],
			);
		});

		it('should list dead letters and replay them as fresh pending rows', async () => {
			const { id } = await enqueueInboundEvent(pool, message(), now);
			const batch = await claimForward(pool, lease);
			assert.ok(batch);
			assert.deepEqual(await deadLetterForward(pool, batch.leaseToken, 'HTTP 500'), [id]);
			const [dead] = await listDeadLetters(pool);
			assert.equal(dead?.id, id);
			assert.equal(dead?.lastError, 'HTTP 500');
			assert.equal(dead?.attempts, 1);
			assert.deepEqual(await replayDeadLetters(pool, [id, 999_999]), [id]);
			assert.deepEqual(await statusOf(id), { status: 'pending', attempts: 0 });
			assert.deepEqual(await replayDeadLetters(pool, 'all'), []);
			assert.ok(await claimForward(pool, lease));
		});
	});

	describe('reviseQueuedEvent', () => {
		const rowOf = async (id: number) =>
			(
				await pool.query(
					'select status, drop_reason as "dropReason", payload, next_attempt_at as "dueAt"' +
						' from sb_inbound_events where id = $1',
					[id],
				)
			).rows[0] as {
				status: string;
				dropReason: string | null;
				payload: Record<string, unknown>;
				dueAt: Date | null;
			};
		const edit = (chatwootMessageId: number, content: string, dropReason: string | null = null) =>
			reviseQueuedEvent(pool, {
				accountId: 1,
				chatwootMessageId,
				payload: { event: 'message_updated', content },
				dropReason,
			});

		it('should rewrite a waiting event in place and keep its due time', async () => {
			const input = message();
			const queued = await enqueueInboundEvent(pool, input, {
				debounceMs: 60_000,
				maxWaitMs: 600_000,
			});
			assert.deepEqual(await edit(Number(input.chatwootMessageId), 'hello, fixed'), {
				id: queued.id,
				status: 'pending',
			});
			const row = await rowOf(queued.id);
			assert.equal(row.status, 'pending');
			assert.equal(row.payload.content, 'hello, fixed');
			assert.deepEqual(row.dueAt, queued.dueAt);
		});

		it('should take a deleted event out of its batch and leave the rest of the batch', async () => {
			const deleted = message();
			const kept = message();
			const gone = await enqueueInboundEvent(pool, deleted, now);
			const stays = await enqueueInboundEvent(pool, kept, now);
			assert.deepEqual(await edit(Number(deleted.chatwootMessageId), 'deleted', 'deleted'), {
				id: gone.id,
				status: 'dropped',
			});
			assert.deepEqual(
				{ ...(await rowOf(gone.id)), payload: undefined },
				{ status: 'dropped', dropReason: 'deleted', payload: undefined, dueAt: null },
			);
			const batch = await claimForward(pool, lease);
			assert.deepEqual(
				batch?.events.map((e) => e.id),
				[stays.id],
			);
		});

		it('should change nothing once the event is being forwarded or done', async () => {
			const input = message();
			const { id } = await enqueueInboundEvent(pool, input, now);
			const batch = await claimForward(pool, lease);
			assert.ok(batch);
			assert.equal(await edit(Number(input.chatwootMessageId), 'too late'), null);
			await completeForward(pool, batch.leaseToken);
			assert.equal(await edit(Number(input.chatwootMessageId), 'too late', 'deleted'), null);
			const row = await rowOf(id);
			assert.equal(row.status, 'done', 'never reopened');
			assert.equal(row.payload.content, 'hello');
		});

		it('should change nothing when a triage claimed the event before a retry', async () => {
			const input = message();
			const { id } = await enqueueInboundEvent(pool, input, now);
			const batch = await claimForward(pool, lease);
			assert.ok(batch);
			await pool.query(
				'insert into sb_inbound_claims (inbound_event_id, state, claim_token, lease_until)' +
					" values ($1, 'processing', gen_random_uuid(), now() + interval '1 minute')",
				[id],
			);
			await retryForward(pool, batch.leaseToken, 600_000, 'HTTP 409');
			assert.equal(await edit(Number(input.chatwootMessageId), 'too late'), null);
			assert.equal((await rowOf(id)).payload.content, 'hello');
		});

		it('should find nothing for a message the ledger never queued', async () => {
			assert.equal(await edit(424_242, 'unknown'), null);
		});
	});

	describe('knownMessageIds', () => {
		it('should name the message ids the ledger holds for that account only', async () => {
			await recordInboundEvent(pool, message({ chatwootMessageId: 41 }));
			await recordInboundEvent(pool, message({ chatwootMessageId: 42, accountId: 2 }));
			assert.deepEqual([...(await knownMessageIds(pool, 1, [41, 42, 43]))], [41]);
			assert.deepEqual([...(await knownMessageIds(pool, 1, []))], []);
		});

		it('should count a dropped row, which keeps the message id only in its dedupe key', async () => {
			const dropped = (accountId: number, id: number) =>
				message({
					accountId,
					chatwootMessageId: null,
					deliveryId: `dropped-${accountId}-${id}`,
					status: 'dropped',
					dropReason: 'conversation_not_pending',
				});
			await recordInboundEvent(pool, dropped(1, 51));
			await recordInboundEvent(pool, dropped(2, 52));
			assert.deepEqual([...(await knownMessageIds(pool, 1, [51, 52]))], [51]);
		});
	});
});
