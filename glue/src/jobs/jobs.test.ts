// Jobs on the real PostgreSQL (pg-boss in its own schema of a throwaway database).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseUrl } from '../../../scripts/lib/postgres.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { createJobs, jobIdFor, type DueJob, type Jobs } from './index.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function collector() {
	const seen: (DueJob & { ranAt: number })[] = [];
	const waiters: (() => void)[] = [];
	return {
		seen,
		handler: async (job: DueJob) => {
			seen.push({ ...job, ranAt: Date.now() });
			for (const w of waiters.splice(0)) w();
		},
		next: () => new Promise<void>((resolve) => waiters.push(resolve)),
	};
}

describe('jobs', () => {
	let db: TestDatabase;
	let url: string;
	let jobs: Jobs;

	before(async () => {
		db = await createTestDatabase();
		url = databaseUrl(adminUrl, db.name);
		jobs = createJobs({ connectionString: url });
		await jobs.start();
	});
	after(async () => {
		await jobs.stop(2_000);
		await db.drop();
	});

	it('should derive one job id per queue and key', () => {
		assert.equal(jobIdFor('q', 'a'), jobIdFor('q', 'a'));
		assert.notEqual(jobIdFor('q', 'a'), jobIdFor('q', 'b'));
		assert.match(
			jobIdFor('q', 'a'),
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});

	it('should run a job at its time (not before, within the next poll) and only once when scheduled twice', async () => {
		const c = collector();
		const off = await jobs.work('exact', c.handler);
		const at = new Date(Date.now() + 1_200);
		assert.equal(await jobs.schedule('exact', 'k1', at, { n: 1 }), true);
		assert.equal(await jobs.schedule('exact', 'k1', at, { n: 2 }), false);
		assert.equal((await jobs.scheduledAt('exact', 'k1'))?.toISOString(), at.toISOString());
		await c.next();
		await off();
		assert.equal(c.seen.length, 1);
		const job = c.seen[0];
		assert.ok(job);
		assert.deepEqual(job.data, { n: 1 });
		assert.ok(job.ranAt >= at.getTime(), 'not before its time');
		// pg-boss polls every 500 ms: the job is taken by the poll after its time.
		assert.ok(job.lateMs < 1_000, `started ${job.lateMs} ms after its time`);
	});

	it('should cancel by key, and reschedule to another time', async () => {
		const c = collector();
		await jobs.schedule('cancel', 'gone', new Date(Date.now() + 800));
		assert.equal(await jobs.cancel('cancel', 'gone'), true);
		assert.equal(await jobs.cancel('cancel', 'gone'), false);
		await jobs.schedule('cancel', 'moved', new Date(Date.now() + 60_000), { v: 'old' });
		await jobs.reschedule('cancel', 'moved', new Date(Date.now() + 600), { v: 'new' });
		const off = await jobs.work('cancel', c.handler);
		await c.next();
		await new Promise((resolve) => setTimeout(resolve, 1_200));
		await off();
		assert.deepEqual(
			c.seen.map((j) => [j.key, j.data]),
			[['moved', { v: 'new' }]],
		);
	});

	it('should run a job that came due while no process was running, or hand it to onMissed after the grace', async () => {
		const other = createJobs({ connectionString: url });
		await other.start();
		await other.schedule('restart', 'soon', new Date(Date.now() - 2_000));
		await other.schedule('restart', 'long-ago', new Date(Date.now() - 3_600_000));
		await other.stop();
		const ran = collector();
		const missed = collector();
		const off = await jobs.work('restart', ran.handler, {
			graceMs: 60_000,
			onMissed: missed.handler,
		});
		while (ran.seen.length + missed.seen.length < 2)
			await Promise.race([ran.next(), missed.next()]);
		await off();
		assert.deepEqual(
			ran.seen.map((j) => j.key),
			['soon'],
		);
		assert.deepEqual(
			missed.seen.map((j) => j.key),
			['long-ago'],
		);
	});
});
