// On the machine's PostgreSQL and the installed runtimes: the templates are real migrated databases.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { adoptDirectusAdmin, createFromTemplate, templateName } from './db-templates.ts';
import { databaseUrl, dropDatabase } from './postgres.ts';
import { locateRuntimes } from './runtimes.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runtimes = locateRuntimes();

async function query<T extends pg.QueryResultRow>(db: string, sql: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: databaseUrl(adminUrl, db) });
	await client.connect();
	try {
		return (await client.query<T>(sql)).rows;
	} finally {
		await client.end();
	}
}

describe('database templates', () => {
	const made: string[] = [];
	const fresh = () => {
		const name = `sbtest_${randomBytes(5).toString('hex')}_tpl`;
		made.push(name);
		return name;
	};
	after(async () => {
		for (const name of made) await dropDatabase(adminUrl, name);
	});

	it('should name one template per app and runtime version', () => {
		assert.equal(
			templateName('n8n', runtimes),
			`sbtpl1_n8n_${runtimes.n8nVersion.replaceAll('.', '_')}`,
		);
		assert.notEqual(templateName('directus', runtimes), templateName('n8n', runtimes));
	});

	it("should give a copy n8n's migrations without the template's encrypted deployment keys", async () => {
		const name = fresh();
		assert.equal(await createFromTemplate(adminUrl, name, 'n8n', runtimes), true);
		const [migrated] = await query<{ count: string }>(name, 'select count(*) from migrations');
		assert.ok(Number(migrated?.count) > 50, `only ${migrated?.count} migrations in the copy`);
		const keys = await query(name, 'select 1 from deployment_key');
		assert.equal(keys.length, 0);
		assert.equal(await createFromTemplate(adminUrl, name, 'n8n', runtimes), false);
	});

	it("should make a Directus copy's admin this instance's", async () => {
		const name = fresh();
		await createFromTemplate(adminUrl, name, 'directus', runtimes);
		const token = randomBytes(24).toString('base64url');
		await adoptDirectusAdmin(
			databaseUrl(adminUrl, name),
			{ email: 'owner@example.com', password: 'Test-password-1', token },
			runtimes,
		);
		const users = await query<{ email: string; token: string; password: string }>(
			name,
			'select email, token, password from directus_users',
		);
		assert.deepEqual(
			users.map((u) => [u.email, u.token]),
			[['owner@example.com', token]],
		);
		assert.match(users[0]?.password ?? '', /^\$argon2/);
		// A second adoption finds no template admin left: it says so instead of changing nothing.
		await assert.rejects(
			adoptDirectusAdmin(
				databaseUrl(adminUrl, name),
				{ email: 'x@example.com', password: 'x', token: 'x' },
				runtimes,
			),
			/template's admin was not found/,
		);
	});
});
