import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkLogStore } from './health.ts';
import { migrate } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe('health', () => {
	let database: TestDatabase;
	before(async () => {
		database = await createTestDatabase();
	});
	after(() => database.drop());

	describe('checkLogStore', () => {
		it('should name the missing tables when the migrations have not run', async () => {
			await assert.rejects(checkLogStore(database.pool()), /sb_inbound_events, sb_ai_decisions/);
		});

		it('should pass once the migrations have run', async () => {
			const pool = database.pool();
			await migrate(pool);
			await checkLogStore(pool);
		});
	});
});
