import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { LogStoreMigrationError } from './errors.ts';
import { loadMigrations, migrate, type MigrateLogger } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const SHIPPED = loadMigrations().map((migration) => migration.version);

function migrationDir(files: Record<string, string>): URL {
	const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
	for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
	return pathToFileURL(`${dir}/`);
}

function recordingLogger(): MigrateLogger & { lines: string[] } {
	const lines: string[] = [];
	return { lines, info: (message) => lines.push(message) };
}

async function publicTables(pool: pg.Pool): Promise<string[]> {
	const { rows } = await pool.query<{ name: string }>(
		"select tablename as name from pg_tables where schemaname = 'public' order by 1",
	);
	return rows.map((row) => row.name);
}

describe('migrate', () => {
	const databases: TestDatabase[] = [];
	const tempDirs: URL[] = [];
	const freshPool = async (): Promise<pg.Pool> => {
		const database = await createTestDatabase();
		databases.push(database);
		return database.pool();
	};
	const tempDir = (files: Record<string, string>): URL => {
		const dir = migrationDir(files);
		tempDirs.push(dir);
		return dir;
	};

	after(async () => {
		await Promise.all(databases.map((database) => database.drop()));
		for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
	});

	describe('loadMigrations', () => {
		it('should list the shipped files in version order with sha256 checksums', () => {
			const migrations = loadMigrations();
			assert.deepEqual(
				migrations.map((migration) => migration.version),
				SHIPPED,
			);
			assert.equal(migrations[0]?.file, '0001_inbound_events.sql');
			assert.equal(migrations[0]?.name, 'inbound_events');
			assert.match(migrations[0]?.checksum ?? '', /^[0-9a-f]{64}$/);
		});

		it('should reject a misnamed file naming it', () => {
			const dir = tempDir({ '1_things.sql': 'select 1;' });
			assert.throws(() => loadMigrations(dir), {
				name: 'LogStoreMigrationError',
				message: 'log store: migration 1_things.sql is misnamed: use 0001_snake_case.sql',
			});
		});

		it('should reject two files when they share a version', () => {
			const dir = tempDir({ '0001_a.sql': 'select 1;', '0001_b.sql': 'select 2;' });
			assert.throws(
				() => loadMigrations(dir),
				/migration 0001_b\.sql repeats the version of 0001_a/,
			);
		});
	});

	describe('on a real database', () => {
		let pool: pg.Pool;
		const directusUsers = [{ id: '7b4f', email: 'admin@example.com', status: 'active' }];

		before(async () => {
			pool = await freshPool();
			// What Directus would have created before our first start.
			await pool.query(
				'create table directus_users (id uuid primary key, email varchar(128), status varchar(16))',
			);
			await pool.query(
				"insert into directus_users values ('00000000-0000-0000-0000-000000007b4f', 'admin@example.com', 'active')",
			);
		});

		it('should apply every migration when the database is empty and nothing the second time', async () => {
			const logger = recordingLogger();
			assert.deepEqual(await migrate(pool, { logger }), {
				applied: SHIPPED,
				current: SHIPPED.at(-1),
			});
			assert.deepEqual(await migrate(pool, { logger }), { applied: [], current: SHIPPED.at(-1) });
			assert.deepEqual(logger.lines, [
				'log store: applied migrations',
				'log store: schema up to date, nothing to apply',
			]);
			const { rows } = await pool.query<{ version: number; name: string; applied_at: Date }>(
				'select version, name, applied_at from sb_schema_migrations order by version',
			);
			assert.deepEqual(
				rows.map((row) => `${row.version}:${row.name}`),
				loadMigrations().map((migration) => `${migration.version}:${migration.name}`),
			);
			assert.ok(rows.every((row) => row.applied_at instanceof Date));
		});

		it('should leave a Directus table untouched when migrating next to it', async () => {
			assert.deepEqual(await publicTables(pool), [
				'directus_users',
				'sb_ai_decisions',
				'sb_appointment_reminders',
				'sb_appointments',
				'sb_booking_conversations',
				'sb_broadcast_deliveries',
				'sb_broadcast_responses',
				'sb_broadcast_runs',
				'sb_contact_stages',
				'sb_content_snapshot',
				'sb_inbound_claims',
				'sb_inbound_events',
				'sb_meta_events',
				'sb_meta_webhooks',
				'sb_pending_leads',
				'sb_reconciler_marks',
				'sb_replies_handoffs',
				'sb_schema_migrations',
				'sb_social_posts',
				'sb_stage_transitions',
				'sb_suppressions',
			]);
			const { rows } = await pool.query(
				'select right(id::text, 4) as id, email, status from directus_users',
			);
			assert.deepEqual(rows, directusUsers);
			const columns = await pool.query<{ column_name: string }>(
				"select column_name from information_schema.columns where table_name = 'directus_users' order by ordinal_position",
			);
			assert.deepEqual(
				columns.rows.map((row) => row.column_name),
				['id', 'email', 'status'],
			);
		});

		it('should fail naming the file when an applied migration was edited', async () => {
			await pool.query("update sb_schema_migrations set checksum = 'f00d' where version = 2");
			try {
				await assert.rejects(migrate(pool), (error: unknown) => {
					assert.ok(error instanceof LogStoreMigrationError);
					assert.equal(error.file, '0002_ai_decisions.sql');
					assert.match(error.message, /^log store: migration 0002_ai_decisions\.sql was edited/);
					return true;
				});
			} finally {
				const [second] = loadMigrations().filter((migration) => migration.version === 2);
				await pool.query('update sb_schema_migrations set checksum = $1 where version = 2', [
					second?.checksum,
				]);
			}
			assert.deepEqual((await migrate(pool)).applied, []);
		});
	});

	it('should apply each migration once when two pools migrate at once', async () => {
		const first = await freshPool();
		const database = databases.at(-1);
		assert.ok(database);
		const second = database.pool();
		const results = await Promise.all([migrate(first), migrate(second)]);
		const applied = results.flatMap((result) => result.applied).sort((a, b) => a - b);
		assert.deepEqual(applied, SHIPPED);
		const { rows } = await first.query('select version from sb_schema_migrations');
		assert.equal(rows.length, SHIPPED.length);
	});

	it('should roll back and name the file when a migration fails', async () => {
		const pool = await freshPool();
		const directory = tempDir({
			'0001_ok.sql': 'create table sb_ok (id int);',
			'0002_broken.sql': 'create table sb_half (id int); select * from no_such_table;',
		});
		await assert.rejects(migrate(pool, { directory }), {
			name: 'LogStoreMigrationError',
			file: '0002_broken.sql',
			message:
				'log store: migration 0002_broken.sql failed and was rolled back: relation "no_such_table" does not exist',
		});
		assert.deepEqual(await publicTables(pool), ['sb_ok', 'sb_schema_migrations']);
	});
});
