// Test support: a throwaway database per test file on the real PostgreSQL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl, dropDatabase, ensureDatabase } from '../../../scripts/lib/postgres.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
	name: string;
	/** A new pool on this database; closed by `drop`. */
	pool(): pg.Pool;
	drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `sbtest_logstore_${randomBytes(6).toString('hex')}`;
	await ensureDatabase(adminUrl, name);
	const pools: pg.Pool[] = [];
	return {
		name,
		pool() {
			const pool = new pg.Pool({ connectionString: databaseUrl(adminUrl, name), max: 4 });
			// pool.end() resolves before the server has closed every connection, so dropping the
			// database WITH (FORCE) can still kill one: without a listener that error would crash the run.
			pool.on('error', () => undefined);
			pools.push(pool);
			return pool;
		},
		async drop() {
			await Promise.all(pools.map((pool) => pool.end()));
			await dropDatabase(adminUrl, name);
		},
	};
}
