// One backup: pg_dump of each database (custom format, restorable with pg_restore), a tar of each
// named volume, a manifest with checksums, then retention. Works on the compose stack or on any
// PostgreSQL URL: the PostgresTarget decides where the client programs run.
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BackupError } from './backup-error.ts';
import {
	backupFolderName,
	describeFile,
	pruneBackups,
	writeManifest,
	type Manifest,
	type ManifestFile,
} from './backup-folder.ts';
import type { CommandRunner } from './command.ts';
import { activeServices, dockerVolumeName, type ComposeFile } from './compose.ts';
import { assertSafeName, type PostgresTarget } from './postgres-target.ts';

export interface VolumeToArchive {
	/** The compose name (file name in the backup). */
	name: string;
	/** The Docker name (`switchboard_<name>`). */
	dockerName: string;
}

// postgres-data is dumped instead (a copy of a live data directory is not consistent); redis-data
// holds queues and caches, and restoring old jobs would run them a second time.
// prometheus-data is metrics history, rebuilt by scraping.
const NOT_ARCHIVED = new Set(['postgres-data', 'redis-data', 'prometheus-data']);

/** The named volumes the active services mount, minus those a backup leaves out on purpose. */
export function volumesToArchive(compose: ComposeFile, profiles: string[]): VolumeToArchive[] {
	const declared = new Set(Object.keys(compose.volumes ?? {}));
	const used = new Set<string>();
	for (const service of activeServices(compose, profiles)) {
		for (const mount of compose.services[service]?.volumes ?? []) {
			const source =
				typeof mount === 'string' ? mount.split(':')[0] : (mount as { source?: unknown }).source;
			if (typeof source === 'string' && declared.has(source)) used.add(source);
		}
	}
	return [...used]
		.filter((name) => !NOT_ARCHIVED.has(name))
		.sort()
		.map((name) => ({ name, dockerName: dockerVolumeName(compose, name) }));
}

export interface BackupOptions {
	runner: CommandRunner;
	target: PostgresTarget;
	source: Manifest['source'];
	databases: string[];
	/** Where dated folders go (BACKUP_DIR). */
	root: string;
	retentionDays: number;
	now: () => Date;
	volumes?: VolumeToArchive[];
	/** A pinned image with sh and tar, to read volumes (the compose postgres image). */
	volumeImage?: string;
	/** Copied into the backup as `dot-env` (mode 600). */
	envFile?: string;
	/** Print, create nothing, remove nothing. */
	dryRun?: boolean;
	log: (line: string) => void;
}

export interface BackupResult {
	folder: string;
	manifest: Manifest | null;
	pruned: string[];
}

/** The owner is recorded so that a restore recreates the database as it was. */
export async function databaseOwner(
	runner: CommandRunner,
	target: PostgresTarget,
	database: string,
): Promise<string> {
	return runner.capture(
		target.client('psql', [
			`--dbname=${target.maintenanceDatabase}`,
			'--no-psqlrc',
			'--tuples-only',
			'--no-align',
			'--command',
			`select pg_catalog.pg_get_userbyid(datdba) from pg_catalog.pg_database where datname = '${database}'`,
		]),
	);
}

export async function runBackup(options: BackupOptions): Promise<BackupResult> {
	const { runner, target, dryRun = false } = options;
	const startedAt = options.now();
	const folder = join(options.root, backupFolderName(startedAt));
	const databases = options.databases.map((name) => assertSafeName(name, 'database', folder));
	if (!databases.length) throw new BackupError({ folder, reason: 'no database to back up' });
	if (!dryRun) {
		if (existsSync(folder)) throw new BackupError({ folder, reason: 'already exists' });
		// Dumps hold every customer conversation: owner-only, like .env.
		mkdirSync(options.root, { recursive: true, mode: 0o700 });
		mkdirSync(folder, { mode: 0o700 });
	}
	options.log(`Backing up ${databases.join(', ')} from ${target.description} into ${folder}`);

	const dumped: Manifest['databases'] = [];
	for (const name of databases) {
		const owner = dryRun ? '<owner>' : await databaseOwner(runner, target, name);
		if (!owner) throw new BackupError({ folder, reason: `database ${name} does not exist` });
		const file = `${name}.dump`;
		await runner.run(
			target.client('pg_dump', ['--format=custom', `--dbname=${name}`], {
				stdoutFile: join(folder, file),
			}),
		);
		if (!dryRun) dumped.push({ name, owner, ...(await describeFile(folder, file)) });
	}

	const archived: Manifest['volumes'] = [];
	for (const volume of options.volumes ?? []) {
		if (!options.volumeImage)
			throw new BackupError({ folder, reason: 'no image to read volumes with' });
		const file = `volume-${volume.name}.tar.gz`;
		await runner.run({
			program: 'docker',
			args: [
				'run',
				'--rm',
				'-v',
				`${volume.dockerName}:/volume:ro`,
				options.volumeImage,
				'tar',
				'-czf',
				'-',
				'-C',
				'/volume',
				'.',
			],
			stdoutFile: join(folder, file),
		});
		if (!dryRun) archived.push({ name: volume.name, ...(await describeFile(folder, file)) });
	}

	let env: ManifestFile | null = null;
	if (options.envFile && !dryRun) {
		copyFileSync(options.envFile, join(folder, 'dot-env'));
		chmodSync(join(folder, 'dot-env'), 0o600);
		env = await describeFile(folder, 'dot-env');
	}

	const manifest: Manifest | null = dryRun
		? null
		: {
				version: 1,
				createdAt: startedAt.toISOString(),
				source: options.source,
				databases: dumped,
				volumes: archived,
				env,
			};
	if (manifest) writeManifest(folder, manifest);
	const pruned = pruneBackups(options.root, options.retentionDays, startedAt, dryRun);
	if (pruned.length) {
		options.log(
			`${dryRun ? 'Would remove' : 'Removed'} backups older than ${options.retentionDays} days: ${pruned.join(', ')}`,
		);
	}
	return { folder, manifest, pruned };
}
