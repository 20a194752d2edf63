import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from './migrate.ts';
import { readReconcilerMark, saveReconcilerMark } from './reconciler-marks.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe('reconciler-marks', () => {
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

	it('should have no mark before the first run', async () => {
		assert.equal(await readReconcilerMark(pool, 'never-ran'), null);
	});

	it('should keep the latest mark and never move it back', async () => {
		const early = new Date('2026-06-17T10:00:00.000Z');
		const late = new Date('2026-06-17T10:05:00.000Z');
		assert.deepEqual(await saveReconcilerMark(pool, 'chatwoot', early), early);
		assert.deepEqual(await saveReconcilerMark(pool, 'chatwoot', late), late);
		assert.deepEqual(await saveReconcilerMark(pool, 'chatwoot', early), late);
		assert.deepEqual(await readReconcilerMark(pool, 'chatwoot'), late);
	});
});
