import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadMigrations } from '@switchboard/glue/log-store';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { freePorts } from '../lib/ports.ts';
import { databaseUrl } from '../lib/postgres.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = promisify(execFile);
const script = join(import.meta.dirname, 'migrate-log-store.ts');

describe('migrate-log-store.ts', () => {
	let db: TestDatabase;
	before(async () => {
		db = await createTestDatabase();
	});
	after(async () => {
		await db.drop();
	});

	it('should create the sb_ tables in the named database, then find them current', async () => {
		const url = databaseUrl(adminUrl, db.name);
		const latest = loadMigrations().at(-1)!.version;
		const first = await run(process.execPath, [script], {
			env: { ...process.env, DATABASE_URL: url },
		});
		assert.match(first.stdout, new RegExp(`applied .*now at ${latest}\\.`));
		const again = await run(process.execPath, [script, '--database-url', url]);
		assert.match(again.stdout, new RegExp(`is current \\(${latest}\\)`));
		const pool = db.pool();
		const { rows } = await pool.query<{ n: number }>(
			'select count(*)::int as n from sb_schema_migrations',
		);
		assert.equal(rows[0]!.n, loadMigrations().length);
	});

	it('should fail in one line naming the fix when the server refuses the connection', async () => {
		const [port] = await freePorts(1);
		const env = { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none` };
		await assert.rejects(
			run(process.execPath, [script], { env }),
			(err: { stderr: string; code: number }) =>
				err.code === 1 && /^switchboard: PostgreSQL is not reachable/.test(err.stderr),
		);
	});
});
