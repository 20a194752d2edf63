// compose/postgres/init/10-app-databases.sh, run for real against the local PostgreSQL under
// throwaway names (APP_DATABASES), the way the postgres image runs it on an empty volume.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { appDatabases } from './app-databases.ts';
import { paths } from './paths.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const script = join(paths.postgresInit, '10-app-databases.sh');
const run = promisify(execFile);

describe('postgres/init/10-app-databases.sh', () => {
	const names = [1, 2].map(() => `sbtest_init_${randomBytes(5).toString('hex')}`);
	const admin = new URL(adminUrl);
	const env = {
		...process.env,
		PGHOST: admin.hostname,
		PGPORT: admin.port || '5432',
		PGPASSWORD: decodeURIComponent(admin.password),
		POSTGRES_USER: decodeURIComponent(admin.username) || 'postgres',
		POSTGRES_DB: admin.pathname.slice(1) || 'postgres',
		APP_DATABASES: names.join(' '),
		// A quote and a backslash: the script must not build SQL by pasting the password in.
		[`${names[0]!.toUpperCase()}_DB_PASSWORD`]: "it's-a\\secret",
		[`${names[1]!.toUpperCase()}_DB_PASSWORD`]: 'second-password',
	};

	after(async () => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		for (const name of names) {
			await client.query(`drop database if exists "${name}" with (force)`);
			await client.query(`drop role if exists "${name}"`);
		}
		await client.end();
	});

	it('should default to exactly the databases backup and restore know about', () => {
		const match = /APP_DATABASES="\$\{APP_DATABASES:-([^}]*)\}"/.exec(readFileSync(script, 'utf8'));
		assert.deepEqual(match?.[1]!.split(' '), [...appDatabases]);
	});

	it('should create one login role per app owning a database of the same name', async () => {
		const { stdout } = await run('bash', [script], { env });
		assert.doesNotMatch(stdout, /secret|second-password/);
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			const { rows } = await client.query<{
				datname: string;
				owner: string;
				canlogin: boolean;
				haspassword: boolean;
			}>(
				`select d.datname, pg_get_userbyid(d.datdba) as owner, r.rolcanlogin as canlogin,
				        r.rolpassword is not null as haspassword
				   from pg_database d join pg_authid r on r.rolname = d.datname
				  where d.datname = any($1) order by d.datname`,
				[names],
			);
			assert.deepEqual(
				rows,
				[...names]
					.sort()
					.map((name) => ({ datname: name, owner: name, canlogin: true, haspassword: true })),
			);
		} finally {
			await client.end();
		}
	});

	it('should stop with the variable named when a password is missing', async () => {
		const missing = `sbtest_init_${randomBytes(5).toString('hex')}`;
		await assert.rejects(
			run('bash', [script], { env: { ...env, APP_DATABASES: missing } }),
			(err: { stderr: string }) =>
				err.stderr.includes(`${missing.toUpperCase()}_DB_PASSWORD is not set`),
		);
	});
});
