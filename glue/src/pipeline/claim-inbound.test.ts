import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { completeTriage } from '../log-store/inbound-claims.ts';
import { migrate } from '../log-store/migrate.ts';
import { recordInboundEvent } from '../log-store/repository.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { claimBatchForTriage, parseInboundBatch } from './claim-inbound.ts';
import { InboundBatchError } from './inbound-batch-error.ts';
import type { ForwardBatch, ForwardMessage } from './inbound-batch.ts';

let nextMessage = 7000;

const message = (ledgerId: number, overrides: Partial<ForwardMessage> = {}): ForwardMessage => ({
	ledgerId,
	source: 'agent_bot',
	messageId: ledgerId + 100_000,
	content: `message ${ledgerId}`,
	contentType: 'text',
	createdAt: '2030-01-07T10:00:00.000Z',
	sourceId: null,
	sender: { id: 1, name: 'Ana', phoneNumber: '+15550000100' },
	attachments: [],
	referral: null,
	...overrides,
});

/** The gateway's batch of these inbound events, as it POSTs it to workflow 01. */
const batchOf = (ledgerIds: number[]): ForwardBatch => ({
	kind: 'switchboard.inbound_batch',
	version: 1,
	accountId: 1,
	conversationId: 42,
	inboxId: 1,
	ledgerIds,
	messages: ledgerIds.map((id) => message(id)),
	latest: { event: 'message_created' },
});

describe('claim-inbound', () => {
	let db: TestDatabase;
	let pool: pg.Pool;

	const inboundEvents = async (count: number): Promise<number[]> => {
		const ids: number[] = [];
		for (let n = 0; n < count; n++) {
			const { id } = await recordInboundEvent(pool, {
				source: 'agent_bot',
				deliveryId: `claim-inbound-${++nextMessage}`,
				chatwootMessageId: nextMessage,
				conversationId: 42,
				accountId: 1,
				inboxId: 1,
				event: 'message_created',
				payload: { content: 'hi' },
			});
			ids.push(id);
		}
		return ids;
	};

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(() => db.drop());

	describe('parseInboundBatch', () => {
		it('should read a gateway batch, defaulting a missing referral to none', () => {
			const withoutReferral: Partial<ForwardMessage> = message(1);
			delete withoutReferral.referral;
			const parsed = parseInboundBatch({ ...batchOf([1]), messages: [withoutReferral] });
			assert.equal(parsed.conversationId, 42);
			assert.equal(parsed.messages[0]?.referral, null);
		});

		it('should name the wrong fields when the body is not a gateway batch', () => {
			assert.throws(
				() => parseInboundBatch({ ...batchOf([1]), ledgerIds: [], kind: 'something_else' }),
				(error: unknown) => {
					assert.ok(error instanceof InboundBatchError);
					assert.match(error.message, /^Not a gateway batch: /);
					assert.match(error.message, /kind/);
					assert.match(error.message, /ledgerIds/);
					return true;
				},
			);
		});

		it('should refuse an empty body', () => {
			assert.throws(() => parseInboundBatch(undefined), InboundBatchError);
		});
	});

	describe('claimBatchForTriage', () => {
		it('should give the first delivery every message, in order, and a token', async () => {
			const ids = await inboundEvents(3);
			const { batch, claim, messages } = await claimBatchForTriage(pool, batchOf(ids));
			assert.equal(claim.status, 'claimed');
			assert.match(claim.token ?? '', /^[0-9a-f-]{36}$/);
			assert.deepEqual(claim.claimed, ids);
			assert.deepEqual(
				messages.map((m) => m.ledgerId),
				ids,
			);
			assert.equal(batch.conversationId, 42);
		});

		it('should say what the claimed messages lack, so the workflow hands them off unread', async () => {
			const ids = await inboundEvents(2);
			const body = batchOf(ids);
			body.messages[1] = message(ids[1]!, { incomplete: ['conversation.status'] });
			const { unreadable } = await claimBatchForTriage(pool, body);
			assert.deepEqual(unreadable?.missing, ['conversation.status']);
			const readable = await claimBatchForTriage(pool, batchOf(await inboundEvents(1)));
			assert.equal(readable.unreadable, null);
		});

		it('should tell a second delivery of the same batch it is busy and give it no messages', async () => {
			const ids = await inboundEvents(2);
			const first = await claimBatchForTriage(pool, batchOf(ids));
			const second = await claimBatchForTriage(pool, batchOf(ids));
			assert.equal(first.claim.status, 'claimed');
			assert.equal(second.claim.status, 'busy');
			assert.equal(second.claim.token, null);
			assert.deepEqual(second.claim.busy, ids);
			assert.deepEqual(second.messages, []);
		});

		it('should tell a delivery after the triage completed that the batch is done', async () => {
			const ids = await inboundEvents(2);
			const first = await claimBatchForTriage(pool, batchOf(ids));
			await completeTriage(pool, {
				token: first.claim.token!,
				ledgerIds: first.claim.claimed,
				result: 'auto_replied',
			});
			const again = await claimBatchForTriage(pool, batchOf(ids));
			assert.equal(again.claim.status, 'done');
			assert.deepEqual(again.claim.done, ids);
			assert.deepEqual(again.messages, []);
		});

		it('should hand a batch that grew only its new messages', async () => {
			const [old, ...fresh] = await inboundEvents(3);
			const first = await claimBatchForTriage(pool, batchOf([old!]));
			await completeTriage(pool, {
				token: first.claim.token!,
				ledgerIds: [old!],
				result: 'auto_replied',
			});
			const grown = await claimBatchForTriage(pool, batchOf([old!, ...fresh]));
			assert.equal(grown.claim.status, 'claimed');
			assert.deepEqual(grown.claim.done, [old]);
			assert.deepEqual(
				grown.messages.map((m) => m.ledgerId),
				fresh,
			);
		});

		it('should let exactly one of many concurrent deliveries have the batch', async () => {
			const ids = await inboundEvents(2);
			const results = await Promise.all(
				Array.from({ length: 6 }, () => claimBatchForTriage(pool, batchOf(ids))),
			);
			const owners = results.filter((result) => result.messages.length > 0);
			assert.equal(owners.length, 1);
			assert.deepEqual(
				owners[0]!.messages.map((m) => m.ledgerId),
				ids,
			);
		});

		it('should take over a batch whose triage claim ran out, and refuse the late completion', async () => {
			const ids = await inboundEvents(1);
			const dead = await claimBatchForTriage(pool, batchOf(ids), { leaseMs: 1000 });
			await pool.query(
				"update sb_inbound_claims set lease_until = now() - interval '1 second' where inbound_event_id = any($1::bigint[])",
				[ids],
			);
			const next = await claimBatchForTriage(pool, batchOf(ids));
			assert.equal(next.claim.status, 'claimed');
			assert.notEqual(next.claim.token, dead.claim.token);
			const late = await completeTriage(pool, {
				token: dead.claim.token!,
				ledgerIds: ids,
				result: 'auto_replied',
			});
			assert.deepEqual(late, [], 'the first execution lost its claim');
		});

		it('should claim nothing for a body that is not a batch', async () => {
			const count = async () =>
				(await pool.query('select count(*)::int as n from sb_inbound_claims')).rows[0].n as number;
			const before = await count();
			await assert.rejects(claimBatchForTriage(pool, { hello: 'world' }), InboundBatchError);
			await assert.rejects(
				claimBatchForTriage(pool, { ...batchOf([1]), version: 2 }),
				InboundBatchError,
			);
			assert.equal(await count(), before);
		});
	});
});
