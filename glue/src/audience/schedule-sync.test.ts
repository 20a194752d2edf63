import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { startRun } from '../broadcasts/deliveries.ts';
import { broadcastPlanSchema } from '../broadcasts/model.ts';
import { BROADCAST_START_QUEUE } from '../broadcasts/sender.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { BroadcastRecords, DirectusRow } from './records.ts';
import { syncBroadcastSchedules } from './schedule-sync.ts';

/** pg-boss at the seam: what is scheduled under which key, and when. */
function memoryJobs() {
	const due = new Map<string, Date>();
	const jobs = {
		schedule: async (queue: string, key: string, at: Date) => {
			if (due.has(`${queue}/${key}`)) return false;
			due.set(`${queue}/${key}`, at);
			return true;
		},
		reschedule: async (queue: string, key: string, at: Date) => {
			due.set(`${queue}/${key}`, at);
		},
		cancel: async (queue: string, key: string) => due.delete(`${queue}/${key}`),
		scheduledAt: async (queue: string, key: string) => due.get(`${queue}/${key}`) ?? null,
	} as unknown as Jobs;
	return { jobs, due };
}

function directus(broadcasts: DirectusRow[]) {
	const updates: { id: string; data: DirectusRow }[] = [];
	const records: BroadcastRecords = {
		read: async (collection) =>
			collection === 'business_info'
				? [{ time_zone: 'Europe/Madrid' }]
				: broadcasts.filter(
						(b) =>
							['scheduled', 'processing', 'paused'].includes(String(b.status)) ||
							(b.status === 'cancelled' && !b.finished_at),
					),
		update: async (_collection, id, data) => {
			updates.push({ id, data });
			const row = broadcasts.find((b) => String(b.id) === id);
			if (row) Object.assign(row, data);
		},
		create: async () => {},
	};
	return { records, updates };
}

describe('schedule-sync', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(() => db.drop());

	describe('syncBroadcastSchedules', () => {
		it("should schedule each broadcast at its time in the business's zone, once", async () => {
			const { jobs, due } = memoryJobs();
			const { records } = directus([
				{ id: 1, status: 'scheduled', scheduled_at: '2026-06-02T10:00:00' },
			]);
			const first = await syncBroadcastSchedules({ records, jobs, pool });
			const second = await syncBroadcastSchedules({ records, jobs, pool });
			assert.deepEqual(first.scheduled, ['1']);
			assert.deepEqual(second, {
				scheduled: [],
				rescheduled: [],
				cancelled: [],
				resumed: [],
				paused: [],
			});
			assert.deepEqual(due.get(`${BROADCAST_START_QUEUE}/1`), new Date('2026-06-02T08:00:00Z'));
		});
		it('should move the job when marketing moves the time', async () => {
			const { jobs, due } = memoryJobs();
			const rows = [{ id: 2, status: 'scheduled', scheduled_at: '2026-06-02T10:00:00' }];
			const { records } = directus(rows);
			await syncBroadcastSchedules({ records, jobs, pool });
			rows[0]!.scheduled_at = '2026-06-02T11:30:00';
			assert.deepEqual((await syncBroadcastSchedules({ records, jobs, pool })).rescheduled, ['2']);
			assert.deepEqual(due.get(`${BROADCAST_START_QUEUE}/2`), new Date('2026-06-02T09:30:00Z'));
		});
		it('should unschedule a cancelled one that never started and close it', async () => {
			const { jobs, due } = memoryJobs();
			const rows: DirectusRow[] = [
				{ id: 3, status: 'scheduled', scheduled_at: '2026-06-02T10:00:00' },
			];
			const { records, updates } = directus(rows);
			await syncBroadcastSchedules({
				records,
				jobs,
				pool,
				now: () => new Date('2026-06-01T00:00:00Z'),
			});
			rows[0]!.status = 'cancelled';
			const result = await syncBroadcastSchedules({
				records,
				jobs,
				pool,
				now: () => new Date('2026-06-01T00:00:00Z'),
			});
			assert.deepEqual(result.cancelled, ['3']);
			assert.equal(due.size, 0);
			assert.deepEqual(updates.at(-1), {
				id: '3',
				data: { finished_at: '2026-06-01T00:00:00.000Z' },
			});
			assert.deepEqual((await syncBroadcastSchedules({ records, jobs, pool })).cancelled, []);
		});
		it('should resume a paused run that staff set back to Processing, and pause one they set to Paused', async () => {
			const { jobs } = memoryJobs();
			const plan = broadcastPlanSchema.parse({
				broadcastId: '4',
				phoneNumberId: '106540352242922',
				scheduledAt: new Date(),
				recipients: [
					{
						recipientId: 'r1',
						phone: '+34600000001',
						message: { kind: 'template', name: 'hello_world', language: 'en_US' },
					},
				],
			});
			await startRun(pool, plan);
			const runStatus = async () =>
				(
					await pool.query<{ status: string; reason: string | null }>(
						'select status, reason from sb_broadcast_runs where broadcast_id = $1',
						['4'],
					)
				).rows[0];
			const rows: DirectusRow[] = [{ id: 4, status: 'paused' }];
			const { records } = directus(rows);
			assert.deepEqual((await syncBroadcastSchedules({ records, jobs, pool })).paused, ['4']);
			assert.equal((await runStatus())?.status, 'paused');
			assert.match((await runStatus())?.reason ?? '', /Paused in Directus/);
			rows[0]!.status = 'processing';
			assert.deepEqual((await syncBroadcastSchedules({ records, jobs, pool })).resumed, ['4']);
			assert.deepEqual(await runStatus(), { status: 'processing', reason: null });
			// Nothing to resume any more: a second pass changes nothing.
			assert.deepEqual((await syncBroadcastSchedules({ records, jobs, pool })).resumed, []);
		});
	});
});
