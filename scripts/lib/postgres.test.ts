import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { freePorts } from './ports.ts';
import {
	assertPostgresReachable,
	databaseUrl,
	describePostgresError,
	dropDatabase,
	ensureDatabase,
	redactUrl,
} from './postgres.ts';
import { StackError } from './stack-error.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('postgres', () => {
	describe('describePostgresError', () => {
		it('should say how to fix a refused connection and hide the password', () => {
			const err = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
			const line = describePostgresError(err, 'postgres://sb:hunter2@db:5432/x');
			assert.equal(
				line,
				'PostgreSQL is not reachable at postgres://sb:***@db:5432/x (connection refused): start it (to install: apt-get install postgresql), or set DATABASE_URL in .env.',
			);
		});

		it('should name a failed login', () => {
			const err = Object.assign(new Error('password authentication failed'), { code: '28P01' });
			assert.match(describePostgresError(err, 'postgres://sb@db/x'), /refused the login/);
		});
	});

	describe('redactUrl', () => {
		it('should leave a URL without password as it is', () => {
			assert.equal(
				redactUrl('postgres://root@127.0.0.1:5432/postgres'),
				'postgres://root@127.0.0.1:5432/postgres',
			);
		});
	});

	describe('databaseUrl', () => {
		it('should swap only the database name', () => {
			assert.equal(
				databaseUrl('postgres://u:p@h:1/postgres?sslmode=disable', 'n8n'),
				'postgres://u:p@h:1/n8n?sslmode=disable',
			);
		});
	});

	describe('assertPostgresReachable', () => {
		it('should throw one clear StackError when nothing listens', async () => {
			const [port] = await freePorts(1);
			await assert.rejects(
				assertPostgresReachable(`postgres://postgres@127.0.0.1:${port}/postgres`),
				(err: unknown) => {
					assert.ok(err instanceof StackError);
					assert.match(
						err.message,
						new RegExp(
							`^PostgreSQL is not reachable at postgres://postgres@127.0.0.1:${port}/postgres`,
						),
					);
					return true;
				},
			);
		});
	});

	describe('ensureDatabase and dropDatabase', () => {
		it('should create a database once, then drop it even while a client is connected', async () => {
			const name = `sbtest_pg_${process.pid}`;
			assert.equal(await ensureDatabase(adminUrl, name), true);
			assert.equal(await ensureDatabase(adminUrl, name), false);
			const lingering = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
			await lingering.connect();
			lingering.on('error', () => {});
			await dropDatabase(adminUrl, name);
			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			const left = await admin.query('select 1 from pg_database where datname = $1', [name]);
			await admin.end();
			assert.equal(left.rowCount, 0);
		});

		it('should refuse a name that would need quoting', async () => {
			await assert.rejects(
				ensureDatabase(adminUrl, 'x"; drop database postgres; --'),
				/unsafe database name/,
			);
		});
	});
});
