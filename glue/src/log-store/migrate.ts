// Applies migrations/NNNN_name.sql in order, each in its own transaction, recorded in
// sb_schema_migrations. Only sb_ tables: this runs inside the Directus database.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { LogStoreMigrationError } from './errors.ts';

export interface Migration {
	version: number;
	name: string;
	file: string;
	sql: string;
	checksum: string;
}

export interface MigrateResult {
	/** Versions this call applied; empty when the schema was already current. */
	applied: number[];
	/** The newest version this code ships, now applied. */
	current: number | null;
}

/** winston's logger fits. */
export interface MigrateLogger {
	info(message: string, meta?: Record<string, unknown>): void;
}

export interface MigrateOptions {
	/** A directory URL ending in `/`; defaults to the migrations shipped beside this file. */
	directory?: URL;
	logger?: MigrateLogger;
}

const FILE_NAME = /^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$/;
// Any constant works as long as every switchboard process uses the same one ("sb_m" in ASCII).
const LOCK_KEY = 0x73625f6d;

const CREATE_TABLE = `create table if not exists sb_schema_migrations (
	version integer primary key,
	name text not null,
	checksum text not null,
	applied_at timestamptz not null default now()
)`;

// Line endings are normalised so a Windows checkout does not look like an edited migration.
function checksumOf(sql: string): string {
	return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function loadMigrations(directory = new URL('./migrations/', import.meta.url)): Migration[] {
	const seen = new Map<number, string>();
	return readdirSync(directory)
		.filter((file) => file.endsWith('.sql'))
		.sort()
		.map((file) => {
			const groups = FILE_NAME.exec(file)?.groups;
			if (!groups?.version || !groups.name) {
				throw new LogStoreMigrationError({ file, reason: 'is misnamed: use 0001_snake_case.sql' });
			}
			const version = Number(groups.version);
			const other = seen.get(version);
			if (other)
				throw new LogStoreMigrationError({ file, reason: `repeats the version of ${other}` });
			seen.set(version, file);
			const sql = readFileSync(new URL(file, directory), 'utf8');
			return { version, name: groups.name, file, sql, checksum: checksumOf(sql) };
		});
}

/**
 * Brings the schema up to date. Each migration runs in a transaction holding an advisory lock,
 * and re-reads what is applied under that lock, so concurrent starters apply each file once.
 */
export async function migrate(pool: Pool, options: MigrateOptions = {}): Promise<MigrateResult> {
	const migrations = loadMigrations(options.directory);
	const applied: number[] = [];
	const client = await pool.connect();
	let failed = false;
	// Heard here, a lost connection fails the migration in flight instead of crashing the process.
	const lost = () => {
		failed = true;
	};
	client.on('error', lost);
	try {
		for (const migration of migrations) {
			if (await applyOnce(client, migration)) applied.push(migration.version);
		}
	} catch (error) {
		failed = true;
		throw error;
	} finally {
		client.removeListener('error', lost);
		// A failed session may hold an aborted transaction: discard it instead of pooling it.
		client.release(failed);
	}
	const current = migrations.at(-1)?.version ?? null;
	if (applied.length) options.logger?.info('log store: applied migrations', { applied, current });
	else options.logger?.info('log store: schema up to date, nothing to apply', { current });
	return { applied, current };
}

async function applyOnce(client: PoolClient, migration: Migration): Promise<boolean> {
	await client.query('begin');
	try {
		await client.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
		// Our tables live in public whatever the role's search_path says.
		await client.query('set local search_path to public');
		await client.query(CREATE_TABLE);
		const found = await client.query<{ checksum: string }>(
			'select checksum from sb_schema_migrations where version = $1',
			[migration.version],
		);
		const recorded = found.rows[0]?.checksum;
		if (recorded !== undefined && recorded !== migration.checksum) {
			throw new LogStoreMigrationError({
				file: migration.file,
				reason:
					`was edited after it was applied (checksum ${recorded.slice(0, 12)}… recorded, ` +
					`${migration.checksum.slice(0, 12)}… on disk): restore it and add a new migration`,
			});
		}
		if (recorded === undefined) {
			await client.query(migration.sql).catch((error: unknown) => {
				const message = error instanceof Error ? error.message : String(error);
				throw new LogStoreMigrationError({
					file: migration.file,
					reason: `failed and was rolled back: ${message}`,
					cause: error,
				});
			});
			await client.query(
				'insert into sb_schema_migrations (version, name, checksum) values ($1, $2, $3)',
				[migration.version, migration.name, migration.checksum],
			);
		}
		await client.query('commit');
		return recorded === undefined;
	} catch (error) {
		// The original error is what matters; the session is discarded by the caller anyway.
		await client.query('rollback').catch(() => undefined);
		throw error;
	}
}
