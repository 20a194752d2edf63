// Meta's statuses applied to deliveries on the real PostgreSQL: forward only, duplicates and
// out-of-order harmless, failures acted on by code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pool } from 'pg';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { startRun } from './deliveries.ts';
import { broadcastPlanSchema, type DeliveryStatusInput } from './model.ts';
import { applyDeliveryStatuses, CALLBACK_PREFIX } from './statuses.ts';
import { isSuppressed } from './suppressions.ts';

const status = (
	id: string,
	name: string,
	at: number,
	extra: Partial<DeliveryStatusInput> = {},
): DeliveryStatusInput => ({
	id,
	status: name,
	timestamp: String(at),
	recipient_id: '34600000001',
	...extra,
});

describe('applyDeliveryStatuses', () => {
	let db: TestDatabase;
	let pool: Pool;
	let nextPhone = 34_600_000_001;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(() => db.drop());

	/** One sent delivery with this wamid; returns its id. */
	async function sentDelivery(wamid: string, broadcastId = `b-${wamid}`): Promise<string> {
		const phone = String(nextPhone++);
		await startRun(
			pool,
			broadcastPlanSchema.parse({
				broadcastId,
				phoneNumberId: '106540352242922',
				scheduledAt: new Date(),
				recipients: [
					{
						recipientId: 'r1',
						phone,
						message: { kind: 'template', name: 'hello_world', language: 'en_US' },
					},
				],
			}),
		);
		const row = await pool.query<{ id: string }>(
			`update sb_broadcast_deliveries set state = 'sent', wamid = $2, sent_at = now()
			 where broadcast_id = $1 returning id`,
			[broadcastId, wamid],
		);
		return String(row.rows[0]?.id);
	}

	async function rowOf(id: string) {
		const result = await pool.query<{
			state: string;
			delivered_at: Date | null;
			read_at: Date | null;
			error_code: number | null;
			phone: string;
			wamid: string | null;
		}>(
			'select state, delivered_at, read_at, error_code, phone, wamid from sb_broadcast_deliveries where id = $1',
			[id],
		);
		return result.rows[0];
	}

	it('should keep read when delivered and sent arrive after it, and apply duplicates once', async () => {
		const id = await sentDelivery('wamid.A');
		const result = await applyDeliveryStatuses(pool, [
			status('wamid.A', 'read', 1_750_000_030),
			status('wamid.A', 'delivered', 1_750_000_020),
			status('wamid.A', 'sent', 1_750_000_010),
			status('wamid.A', 'read', 1_750_000_030),
		]);
		assert.deepEqual(result, { applied: 1, ignored: 3 });
		const row = await rowOf(id);
		assert.equal(row?.state, 'read');
		assert.equal(row?.read_at?.getTime(), 1_750_000_030_000);
		// Delivered when the delivered status says, though it came after the read.
		assert.equal(row?.delivered_at?.getTime(), 1_750_000_020_000);
	});

	it('should take a read alone as delivered too (Meta may skip the delivered webhook)', async () => {
		const id = await sentDelivery('wamid.A2');
		await applyDeliveryStatuses(pool, [status('wamid.A2', 'read', 1_750_000_030)]);
		const row = await rowOf(id);
		assert.equal(row?.state, 'read');
		assert.equal(row?.delivered_at?.getTime(), 1_750_000_030_000);
	});

	it('should apply a batch of many messages in one statement, each forward only', async () => {
		const ids = await Promise.all(
			Array.from({ length: 30 }, (_, i) => sentDelivery(`wamid.M${i}`)),
		);
		const batch = ids.flatMap((_, i) => [
			status(`wamid.M${i}`, i % 2 ? 'read' : 'delivered', 1_750_000_020),
			status(`wamid.M${i}`, 'sent', 1_750_000_010),
		]);
		const statements: string[] = [];
		const counting = {
			query: (text: string, values?: unknown[]) => {
				statements.push(text);
				return pool.query(text, values);
			},
		} as unknown as Pool;
		const result = await applyDeliveryStatuses(counting, batch);
		assert.deepEqual(result, { applied: 30, ignored: 30 });
		assert.equal(statements.length, 1, 'one statement for the whole batch');
		for (const [i, id] of ids.entries()) {
			assert.equal((await rowOf(id))?.state, i % 2 ? 'read' : 'delivered');
		}
	});

	it('should end in the same state whichever order two concurrent batches land in', async () => {
		const ids = await Promise.all(
			Array.from({ length: 20 }, (_, i) => sentDelivery(`wamid.C${i}`)),
		);
		const reads = ids.map((_, i) => status(`wamid.C${i}`, 'read', 1_750_000_030));
		const delivereds = ids.map((_, i) => status(`wamid.C${i}`, 'delivered', 1_750_000_020));
		// Opposite orders, side by side: rows locked in id order, so neither batch deadlocks.
		await Promise.all([
			applyDeliveryStatuses(pool, reads),
			applyDeliveryStatuses(pool, [...delivereds].reverse()),
			applyDeliveryStatuses(pool, [...reads].reverse()),
		]);
		for (const id of ids) {
			const row = await rowOf(id);
			assert.equal(row?.state, 'read');
			assert.equal(row?.delivered_at?.getTime(), 1_750_000_020_000);
		}
	});

	it('should not let a late sent or delivered resurrect a failed delivery', async () => {
		const id = await sentDelivery('wamid.B');
		await applyDeliveryStatuses(pool, [
			status('wamid.B', 'failed', 1_750_000_010, {
				errors: [{ code: 131026, title: 'Message undeliverable' }],
			}),
			status('wamid.B', 'delivered', 1_750_000_020),
			status('wamid.B', 'sent', 1_750_000_005),
		]);
		const row = await rowOf(id);
		assert.equal(row?.state, 'failed');
		assert.equal(row?.error_code, 131026);
	});

	it('should ignore a failed status after the message was delivered', async () => {
		const id = await sentDelivery('wamid.C');
		await applyDeliveryStatuses(pool, [
			status('wamid.C', 'delivered', 1_750_000_010),
			status('wamid.C', 'failed', 1_750_000_020, { errors: [{ code: 131026 }] }),
		]);
		assert.equal((await rowOf(id))?.state, 'delivered');
	});

	it('should settle a send whose answer was lost by the delivery id Meta echoes', async () => {
		const id = await sentDelivery('wamid.D');
		await pool.query(
			`update sb_broadcast_deliveries set state = 'sending', wamid = null where id = $1`,
			[id],
		);
		const result = await applyDeliveryStatuses(pool, [
			status('wamid.D2', 'sent', 1_750_000_010, {
				biz_opaque_callback_data: `${CALLBACK_PREFIX}${id}`,
			}),
		]);
		assert.equal(result.applied, 1);
		const row = await rowOf(id);
		assert.equal(row?.state, 'sent');
		assert.equal(row?.wamid, 'wamid.D2');
	});

	it('should suppress for good on 131050 and for a day on 131049', async () => {
		const stopped = await sentDelivery('wamid.E');
		const capped = await sentDelivery('wamid.F');
		await applyDeliveryStatuses(pool, [
			status('wamid.E', 'failed', 1_750_000_010, { errors: [{ code: 131050 }] }),
			status('wamid.F', 'failed', 1_750_000_010, { errors: [{ code: 131049 }] }),
		]);
		const stoppedPhone = (await rowOf(stopped))?.phone ?? '';
		const cappedPhone = (await rowOf(capped))?.phone ?? '';
		assert.equal(await isSuppressed(pool, stoppedPhone), true);
		assert.equal(await isSuppressed(pool, cappedPhone), true);
		const until = await pool.query<{ phone: string; until: Date | null }>(
			'select phone, until from sb_suppressions where phone = any($1)',
			[[stoppedPhone, cappedPhone]],
		);
		const byPhone = new Map(until.rows.map((r) => [r.phone, r.until]));
		assert.equal(byPhone.get(stoppedPhone), null);
		assert.ok((byPhone.get(cappedPhone)?.getTime() ?? 0) > Date.now() + 23 * 3_600_000);
	});

	it("should send a free text that failed 131047 again as its template, once, and ignore the text's late statuses", async () => {
		const id = await sentDelivery('wamid.W');
		const template = { kind: 'template', name: 'hello_world', language: 'en_US' };
		await pool.query(`update sb_broadcast_deliveries set message = $2 where id = $1`, [
			id,
			JSON.stringify({ kind: 'text', body: 'Hola', fallbackTemplate: template }),
		]);
		const reengagement = status('wamid.W', 'failed', 1_750_000_010, {
			biz_opaque_callback_data: `${CALLBACK_PREFIX}${id}`,
			errors: [{ code: 131047, title: 'Re-engagement message' }],
		});
		await applyDeliveryStatuses(pool, [reengagement]);
		const requeued = await pool.query<{
			state: string;
			message: unknown;
			wamid: string | null;
			superseded_wamid: string;
		}>(
			'select state, message, wamid, superseded_wamid from sb_broadcast_deliveries where id = $1',
			[id],
		);
		assert.deepEqual(requeued.rows[0], {
			state: 'queued',
			message: template,
			wamid: null,
			superseded_wamid: 'wamid.W',
		});
		// Meta repeats the text's failure (and echoes our id): it must not fail the template's turn.
		const repeat = await applyDeliveryStatuses(pool, [reengagement]);
		assert.equal(repeat.applied, 0);
		assert.equal((await rowOf(id))?.state, 'queued');
		// The template goes out and is delivered; a third 131047 would find a template: no re-send.
		await pool.query(
			`update sb_broadcast_deliveries set state = 'sent', wamid = 'wamid.W2' where id = $1`,
			[id],
		);
		await applyDeliveryStatuses(pool, [
			status('wamid.W2', 'failed', 1_750_000_020, { errors: [{ code: 131047 }] }),
		]);
		assert.equal((await rowOf(id))?.state, 'failed');
	});

	it('should ignore statuses of messages that are not broadcast deliveries, and malformed ones', async () => {
		const result = await applyDeliveryStatuses(pool, [
			status('wamid.bot-reply', 'delivered', 1_750_000_010),
			{ id: '', status: 'sent' } as DeliveryStatusInput,
		]);
		assert.deepEqual(result, { applied: 0, ignored: 2 });
	});
});
