// Backup and restore for real against the local PostgreSQL, through the same CLIs an operator runs:
// a throwaway database with data is backed up, dropped, restored and compared.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { databaseUrl, dropDatabase, ensureDatabase } from '../lib/postgres.ts';
import { BackupError } from './backup-error.ts';
import { backupFolderName, readManifest } from './backup-folder.ts';
import { createProcessRunner } from './command.ts';
import { urlTarget } from './postgres-target.ts';
import { runRestore } from './restore-run.ts';
import { ensureSecrets } from './secrets.ts';
import { paths } from './paths.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const execFileAsync = promisify(execFile);
const cli = (script: string, args: string[]) =>
	execFileAsync(process.execPath, [join(import.meta.dirname, script), ...args], {
		encoding: 'utf8',
	});

async function query<T extends pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: databaseUrl(adminUrl, database) });
	await client.connect();
	try {
		return (await client.query<T>(sql)).rows;
	} finally {
		await client.end();
	}
}

async function databaseExists(name: string): Promise<boolean> {
	const rows = await query<{ n: number }>(
		'postgres',
		`select count(*)::int as n from pg_database where datname = '${name}'`,
	);
	return rows[0]!.n === 1;
}

/** What must survive the round trip: rows, types, the sequence position, the index, the view. */
async function snapshot(database: string): Promise<unknown> {
	return {
		rows: await query(database, 'select id, body, meta, at from messages order by id'),
		next: await query(database, `select last_value from messages_id_seq`),
		index: await query(
			database,
			`select indexdef from pg_indexes where tablename = 'messages' order by indexname`,
		),
		view: await query(database, 'select * from message_count'),
	};
}

describe('backup and restore against a PostgreSQL URL', () => {
	const name = `sbtest_backup_${randomBytes(5).toString('hex')}`;
	const root = mkdtempSync(join(tmpdir(), 'sb-backups-'));
	let before_: unknown;

	before(async () => {
		await ensureDatabase(adminUrl, name);
		await query(
			name,
			`create table messages (id serial primary key, body text not null, meta jsonb, at timestamptz not null);
			 create index messages_at on messages (at);
			 create view message_count as select count(*)::int as n from messages;
			 insert into messages (body, meta, at) values
			   ('Hola, ¿tienen fibra en Monterrey?', '{"inbox": 3, "tags": ["sales"]}', '2026-11-20T10:00:00Z'),
			   ('こんにちは', null, '2026-11-21T11:30:00Z'),
			   (repeat('x', 10000), '{"big": true}', '2026-11-22T00:00:00Z');`,
		);
		before_ = await snapshot(name);
	});

	after(async () => {
		await dropDatabase(adminUrl, name);
		rmSync(root, { recursive: true, force: true });
	});

	it('should back up, survive a dropped database and restore it identical', async () => {
		// An expired folder from earlier runs, to see retention at work.
		const expired = backupFolderName(new Date(Date.now() - 30 * 24 * 60 * 60 * 1000));
		mkdirSync(join(root, expired));

		const backup = await cli('backup.ts', [
			'--database-url',
			adminUrl,
			'--database',
			name,
			'--dir',
			root,
			'--retention-days',
			'14',
		]);
		const [folderName] = readdirSync(root);
		assert.ok(folderName, 'a dated folder');
		assert.deepEqual(readdirSync(root), [folderName], 'the expired folder is gone');
		const folder = join(root, folderName);
		assert.match(backup.stdout, new RegExp(`Backup complete: ${folder}`));
		assert.equal(statSync(folder).mode & 0o777, 0o700);
		const manifest = readManifest(folder);
		assert.equal(manifest.source, 'url');
		assert.deepEqual(
			manifest.databases.map((db) => [db.name, db.owner, db.file]),
			[[name, new URL(adminUrl).username || 'postgres', `${name}.dump`]],
		);
		assert.ok(manifest.databases[0]!.bytes > 1000);

		await dropDatabase(adminUrl, name);
		assert.equal(await databaseExists(name), false);

		await assert.rejects(cli('restore.ts', [folder, '--database-url', adminUrl]), /add --yes/);
		const restore = await cli('restore.ts', [folder, '--yes', '--database-url', adminUrl]);
		assert.match(restore.stdout, new RegExp(`Restored ${folder}`));
		assert.deepEqual(await snapshot(name), before_);
	});

	it('should replace a database that still exists, dropping what was written since', async () => {
		const [folderName] = readdirSync(root);
		await query(name, `insert into messages (body, at) values ('written after the backup', now())`);
		await runRestore({
			runner: createProcessRunner({ quiet: true }),
			target: urlTarget(adminUrl),
			folder: join(root, folderName!),
			log: () => {},
		});
		assert.deepEqual(await snapshot(name), before_);
	});

	it('should refuse an altered dump before touching the database', async () => {
		const [folderName] = readdirSync(root);
		const altered = join(root, 'altered');
		cpSync(join(root, folderName!), altered, { recursive: true });
		const dump = join(altered, `${name}.dump`);
		const bytes = readFileSync(dump);
		bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
		writeFileSync(dump, bytes);
		await query(name, `insert into messages (body, at) values ('still here', now())`);
		await assert.rejects(
			runRestore({
				runner: createProcessRunner({ quiet: true }),
				target: urlTarget(adminUrl),
				folder: altered,
				log: () => {},
			}),
			(err: unknown) => err instanceof BackupError && /checksum/.test(err.message),
		);
		const rows = await query<{ body: string }>(
			name,
			`select body from messages where body = 'still here'`,
		);
		assert.equal(rows.length, 1);
	});

	it('should print the compose stack backup with --dry-run and write nothing', async () => {
		const envFile = join(root, 'dry.env');
		ensureSecrets({ envFile, exampleFile: paths.envExample });
		const dryRoot = join(root, 'dry');
		const { stdout } = await cli('backup.ts', ['--dry-run', '--dotenv', envFile, '--dir', dryRoot]);
		for (const db of ['chatwoot', 'n8n', 'directus']) {
			assert.match(
				stdout,
				new RegExp(
					`docker compose --env-file \\S+ -f compose/docker-compose.yml exec -T postgres pg_dump --username=postgres --format=custom --dbname=${db} > \\S+/${db}\\.dump`,
				),
			);
		}
		assert.match(
			stdout,
			/docker run --rm -v switchboard_chatwoot-storage:\/volume:ro pgvector\/pgvector:0\.8\.0-pg17 tar -czf - -C \/volume \. > /,
		);
		assert.doesNotMatch(stdout, /postgres-data|redis-data/);
		assert.throws(() => statSync(dryRoot));
	});
});
