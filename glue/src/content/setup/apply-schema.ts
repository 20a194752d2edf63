// Schema as code for Directus 11: the content collections come from a Directus schema snapshot
// (directus/schema/snapshot.json) applied through /schema/diff + /schema/apply, the way
// reference/directus.md §2 verified; the log store's sb_ tables are migrated by our own code and
// only registered (log-tables.json).
import { schemaApply, schemaDiff, schemaSnapshot, serverInfo } from '@directus/sdk';
import type { Pool } from 'pg';
import { migrate, type MigrateLogger } from '../../log-store/index.ts';
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import { ContentResponseError, ContentSetupError } from '../errors.ts';
import type { SetupResult } from './changes.ts';
import { displayName, readSetupFile, SETUP_FILES } from './files.ts';
import { logTablesFileSchema, syncLogTables } from './log-tables.ts';
import {
	managedCollections,
	planDiff,
	snapshotSchema,
	withoutCollections,
	type Snapshot,
	type SnapshotDiff,
} from './snapshot.ts';

export interface SchemaFiles {
	snapshot: URL;
	logTables: URL;
}

export interface ApplySchemaOptions {
	/** An admin's static token: /schema/* is admin-only. */
	directus: DirectusConnection;
	/** A pool on the Directus database: when given, the log store's migrations run first. */
	logStore?: Pool;
	logger?: MigrateLogger;
	files?: Partial<SchemaFiles>;
	/** Say what would change, change nothing (and run no migration). */
	dryRun?: boolean;
	/** Also delete fields and relations of our collections that the snapshot no longer has. */
	prune?: boolean;
}

export interface SchemaApplyResult extends SetupResult {
	/** Log store migrations this call applied. */
	migrations: number[];
}

/**
 * Brings Directus to the schema in directus/schema: collections, fields and relations from the
 * snapshot, the log tables registered read-only. Idempotent: a second call returns no changes.
 */
export async function applyDirectusSchema(options: ApplySchemaOptions): Promise<SchemaApplyResult> {
	const files = { ...SETUP_FILES, ...options.files };
	const dryRun = options.dryRun ?? false;
	const api = connectDirectus<object>(options.directus);
	const snapshot = readSetupFile(files.snapshot, snapshotSchema);
	const logTables = readSetupFile(files.logTables, logTablesFileSchema);

	const migrations =
		options.logStore && !dryRun
			? (await migrate(options.logStore, options.logger ? { logger: options.logger } : {})).applied
			: [];

	const plan = planDiff(
		await diffAgainst(api, snapshot, displayName(files.snapshot)),
		managedCollections(snapshot),
		options.prune ?? false,
	);
	if (plan.changes.length && !dryRun) {
		await api.request(schemaApply({ hash: plan.hash, diff: plan.diff }));
	}
	// Directus caches its view of the database; tables the migrations just made are not in it yet.
	await api.call('POST', '/utils/cache/clear', { params: { system: true } });
	const registered = await syncLogTables(api, logTables, {
		dryRun,
		fileName: displayName(files.logTables),
	});
	return {
		changes: [...plan.changes, ...registered.changes],
		skipped: [...plan.skipped, ...registered.skipped],
		migrations,
	};
}

/**
 * Drift check: what applying would change, deletions included. Empty when the database matches
 * directus/schema exactly (for our collections and log tables).
 */
export async function checkDirectusSchema(
	options: Omit<ApplySchemaOptions, 'dryRun' | 'prune' | 'logStore'>,
): Promise<SetupResult> {
	const result = await applyDirectusSchema({ ...options, dryRun: true, prune: true });
	return { changes: result.changes, skipped: result.skipped };
}

/**
 * The live schema as a snapshot for directus/schema/snapshot.json: everything but Directus's own
 * collections (left out by Directus) and the log tables (registered from log-tables.json instead).
 */
export async function exportDirectusSchema(
	options: Pick<ApplySchemaOptions, 'directus' | 'files'>,
): Promise<Snapshot> {
	const files = { ...SETUP_FILES, ...options.files };
	const api = connectDirectus<object>(options.directus);
	const logTables = readSetupFile(files.logTables, logTablesFileSchema);
	const ours = new Set(logTables.collections.map((table) => table.collection));
	const live = snapshotSchema.safeParse(await api.request(schemaSnapshot()));
	if (!live.success) {
		throw new ContentResponseError({
			collection: 'schema snapshot',
			recordId: null,
			issues: live.error.issues.map((issue) => ({
				field: issue.path.join('.') || '(snapshot)',
				message: issue.message,
			})),
		});
	}
	return withoutCollections(live.data, (name) => ours.has(name) || name.startsWith('sb_'));
}

async function diffAgainst(
	api: DirectusApi<object>,
	snapshot: Snapshot,
	fileName: string,
): Promise<SnapshotDiff & { hash: string }> {
	const { version } = (await api.request(serverInfo())) as { version?: string };
	if (!version) {
		throw new ContentSetupError({
			file: fileName,
			reason: 'cannot be compared: Directus did not report its version (is the token an admin’s?)',
		});
	}
	const major = (value: string) => value.split('.')[0];
	if (major(version) !== major(snapshot.directus)) {
		throw new ContentSetupError({
			file: fileName,
			reason: `was exported from Directus ${snapshot.directus}, this is ${version}: apply it on a ${major(snapshot.directus)}.x instance, upgrade, then export again (scripts/directus-setup.ts export)`,
		});
	}
	// Directus refuses a snapshot from another patch release unless forced; within a major the
	// format is the same, so the file is stamped with the running version instead.
	const answer = await api.request(schemaDiff({ ...snapshot, directus: version }));
	// 204 (the SDK gives null): nothing differs at all.
	if (!answer) return { hash: '', collections: [], fields: [], systemFields: [], relations: [] };
	const { hash, diff } = answer as { hash: string; diff: SnapshotDiff };
	return { hash, ...diff };
}
