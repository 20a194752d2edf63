import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
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
						(b) => b.status === 'scheduled' || (b.status === 'cancelled' && !b.finished_at),
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
			assert.deepEqual(second, { scheduled: [], rescheduled: [], cancelled: [] });
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
	});
});
