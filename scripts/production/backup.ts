// Backs up the stack into a dated folder under BACKUP_DIR and prunes folders older than
// BACKUP_RETENTION_DAYS. Without options: every app database of the compose stack, the named volumes
// and a copy of .env. With --database-url: those --database names on that server, no Docker involved.
//   node scripts/production/backup.ts [--dry-run] [--dir D] [--retention-days N]
//   node scripts/production/backup.ts --database-url postgres://… --database x …   (--help: all)
import { existsSync } from 'node:fs';
import { runCli } from './cli.ts';
import type { BackupOptions } from './backup-run.ts';
import type { EnvValues } from './env-file.ts';
import { paths } from './paths.ts';

const USAGE = `
Backs up the stack into a dated folder under BACKUP_DIR (mode 700) and prunes folders older than
BACKUP_RETENTION_DAYS: a pg_dump of each app database, a tar of each named volume, a copy of .env and
a manifest with checksums. With --database-url: the --database names on that server, no Docker.

Usage: node scripts/production/backup.ts [--dry-run] [--dir <folder>] [--retention-days <n>]
       node scripts/production/backup.ts --database-url postgres://… --database <name>… [--dir <folder>]

  --dry-run               print the commands, write nothing
  --dir <folder>          where the dated folders go (default: BACKUP_DIR in .env)
  --retention-days <n>    delete folders older than this (default: BACKUP_RETENTION_DAYS, else 14)
  --database-url <url>    back up databases of this PostgreSQL server with the local pg_dump
  --database <name>       a database to back up with --database-url (repeatable)
  --dotenv <file>         the .env to read (default: .env in the repository root)
  -h, --help              this text
`;

const options = {
	'dry-run': { type: 'boolean', default: false },
	dir: { type: 'string' },
	'retention-days': { type: 'string' },
	'database-url': { type: 'string' },
	database: { type: 'string', multiple: true, default: [] as string[] },
	dotenv: { type: 'string', default: paths.envFile },
} as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	// Imported here so that a clone without node_modules gets --help and a one-line fix (cli.ts).
	const { appDatabases } = await import('./app-databases.ts');
	const { BackupError } = await import('./backup-error.ts');
	const { runBackup, volumesToArchive } = await import('./backup-run.ts');
	const { createDryRunRunner, createProcessRunner } = await import('./command.ts');
	const { defaultProject, loadComposeFile, profilesFrom } = await import('./compose.ts');
	const { readEnvFile } = await import('./env-file.ts');
	const { composeTarget, urlTarget } = await import('./postgres-target.ts');
	const envFile = values.dotenv;
	const url = values['database-url'];
	const env: EnvValues = url && !existsSync(envFile) ? {} : readEnvFile(envFile);
	const root = values.dir ?? env.BACKUP_DIR;
	if (!root)
		throw new BackupError({
			folder: '-',
			reason: 'no folder: set BACKUP_DIR in .env or pass --dir',
		});
	const retentionDays = Number(values['retention-days'] ?? env.BACKUP_RETENTION_DAYS ?? '14');
	if (!Number.isInteger(retentionDays) || retentionDays < 1) {
		throw new BackupError({
			folder: root,
			reason: 'retention must be a whole number of days, at least 1',
		});
	}
	const common = {
		runner: values['dry-run']
			? createDryRunRunner({ print: (line) => console.log(`  ${line}`) })
			: createProcessRunner(),
		root,
		retentionDays,
		now: () => new Date(),
		dryRun: values['dry-run'],
		log: (line: string) => console.log(line),
	};
	let backup: BackupOptions;
	if (url) {
		if (!values.database.length) {
			throw new BackupError({
				folder: root,
				reason: 'name the databases to back up with --database',
			});
		}
		backup = { ...common, target: urlTarget(url), source: 'url', databases: values.database };
	} else {
		const project = { ...defaultProject, envFile };
		const compose = loadComposeFile(project.composeFile);
		backup = {
			...common,
			target: composeTarget(project),
			source: 'compose',
			databases: [...appDatabases],
			volumes: volumesToArchive(compose, profilesFrom(env)),
			volumeImage: compose.services.postgres?.image,
			envFile,
		};
	}
	const result = await runBackup(backup);
	console.log(
		values['dry-run'] ? 'Dry run: nothing was written.' : `Backup complete: ${result.folder}`,
	);
});
