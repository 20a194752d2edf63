import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { LogStoreNotFoundError, LogStoreValidationError } from './errors.ts';
import { claimTriage, completeTriage, releaseTriageClaims } from './inbound-claims.ts';
import { migrate } from './migrate.ts';
import { recordInboundEvent } from './repository.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let nextMessage = 9000;

describe('inbound claims', () => {
	let db: TestDatabase;
	let pool: pg.Pool;

	const ledgerRows = async (count: number): Promise<number[]> => {
		const ids: number[] = [];
		for (let n = 0; n < count; n++) {
			const { id } = await recordInboundEvent(pool, {
				source: 'agent_bot',
				deliveryId: `d-${++nextMessage}`,
				chatwootMessageId: nextMessage,
				conversationId: 3,
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

	it('should hand a batch to one delivery and tell a second delivery it is busy, then done', async () => {
		const ids = await ledgerRows(2);
		const first = await claimTriage(pool, { ledgerIds: ids });
		assert.equal(first.status, 'claimed');
		assert.deepEqual(first.claimed, ids);

		const second = await claimTriage(pool, { ledgerIds: ids });
		assert.deepEqual(
			{ status: second.status, token: second.token, busy: second.busy },
			{
				status: 'busy',
				token: null,
				busy: ids,
			},
		);

		const completed = await completeTriage(pool, {
			token: first.token!,
			ledgerIds: ids,
			result: 'auto_replied',
		});
		assert.deepEqual(completed, ids);
		const third = await claimTriage(pool, { ledgerIds: ids });
		assert.deepEqual({ status: third.status, done: third.done }, { status: 'done', done: ids });
	});

	it('should let only one of many simultaneous deliveries claim a row', async () => {
		const ids = await ledgerRows(1);
		const claims = await Promise.all(
			Array.from({ length: 6 }, () => claimTriage(pool, { ledgerIds: ids })),
		);
		assert.equal(claims.filter((c) => c.status === 'claimed').length, 1);
		assert.ok(claims.every((c) => c.status === 'claimed' || c.status === 'busy'));
	});

	it('should give a batch whose lease ran out to the next delivery, and refuse the old owner', async () => {
		const ids = await ledgerRows(1);
		const dead = await claimTriage(pool, { ledgerIds: ids, leaseMs: 1000 });
		await pool.query(
			`update sb_inbound_claims set lease_until = now() - interval '1 second' where inbound_event_id = $1`,
			[ids[0]],
		);
		const next = await claimTriage(pool, { ledgerIds: ids });
		assert.equal(next.status, 'claimed');
		const late = await completeTriage(pool, {
			token: dead.token!,
			ledgerIds: ids,
			result: 'auto_replied',
		});
		assert.deepEqual(late, [], "the dead execution's token no longer completes the row");
		const { rows } = await pool.query(
			'select attempts from sb_inbound_claims where inbound_event_id = $1',
			[ids[0]],
		);
		assert.equal(rows[0].attempts, 2);
	});

	it('should claim only the new rows of a batch that mixes handled and new messages', async () => {
		const [old, fresh] = await ledgerRows(2);
		const first = await claimTriage(pool, { ledgerIds: [old!] });
		await completeTriage(pool, {
			token: first.token!,
			ledgerIds: [old!],
			result: 'handed_off',
		});
		const mixed = await claimTriage(pool, { ledgerIds: [old!, fresh!] });
		assert.deepEqual(
			{ status: mixed.status, claimed: mixed.claimed, done: mixed.done },
			{ status: 'claimed', claimed: [fresh], done: [old] },
		);
	});

	it('should name a ledger id that does not exist, and an empty batch, without claiming anything', async () => {
		await assert.rejects(claimTriage(pool, { ledgerIds: [987654321] }), LogStoreNotFoundError);
		await assert.rejects(claimTriage(pool, { ledgerIds: [] }), (error: unknown) => {
			assert.ok(error instanceof LogStoreValidationError);
			assert.match(error.message, /ledgerIds.*at least one ledger id/);
			return true;
		});
		const { rows } = await pool.query(
			'select count(*)::int as n from sb_inbound_claims where inbound_event_id = 987654321',
		);
		assert.equal(rows[0].n, 0);
	});

	it('should release only the unfinished claims taken under one forward of the gateway', async () => {
		const forward = '11111111-1111-4111-8111-111111111111';
		const other = '22222222-2222-4222-8222-222222222222';
		const [open, finished, others] = await ledgerRows(3);
		assert.ok(open && finished && others);
		const first = await claimTriage(pool, { ledgerIds: [open, finished], forwardToken: forward });
		await completeTriage(pool, {
			token: first.token ?? '',
			ledgerIds: [finished],
			result: 'reply',
		});
		await claimTriage(pool, { ledgerIds: [others], forwardToken: other });

		assert.deepEqual(await releaseTriageClaims(pool, forward), [open]);
		const again = await claimTriage(pool, { ledgerIds: [open, finished, others] });
		assert.deepEqual([again.claimed, again.done, again.busy], [[open], [finished], [others]]);
		assert.deepEqual(await releaseTriageClaims(pool, forward), []);
	});
});
