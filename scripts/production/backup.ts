// Backs up the stack into a dated folder under BACKUP_DIR and prunes folders older than
// BACKUP_RETENTION_DAYS. Without options: every app database of the compose stack, the named volumes
// and a copy of .env. With --database-url: those --database names on that server, no Docker involved.
//   bash scripts/with-node24 node scripts/production/backup.ts [--dry-run] [--dir D] [--retention-days N]
//   bash scripts/with-node24 node scripts/production/backup.ts --database-url postgres://… --database x …
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { appDatabases } from './app-databases.ts';
import { BackupError } from './backup-error.ts';
import { runBackup, volumesToArchive, type BackupOptions } from './backup-run.ts';
import { runCli } from './cli.ts';
import { createDryRunRunner, createProcessRunner } from './command.ts';
import { defaultProject, loadComposeFile, profilesFrom } from './compose.ts';
import { readEnvFile, type EnvValues } from './env-file.ts';
import { composeTarget, urlTarget } from './postgres-target.ts';

runCli(async () => {
	const { values } = parseArgs({
		options: {
			'dry-run': { type: 'boolean', default: false },
			dir: { type: 'string' },
			'retention-days': { type: 'string' },
			'database-url': { type: 'string' },
			database: { type: 'string', multiple: true, default: [] },
			dotenv: { type: 'string', default: defaultProject.envFile },
		},
	});
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
	let options: BackupOptions;
	if (url) {
		if (!values.database.length) {
			throw new BackupError({
				folder: root,
				reason: 'name the databases to back up with --database',
			});
		}
		options = { ...common, target: urlTarget(url), source: 'url', databases: values.database };
	} else {
		const project = { ...defaultProject, envFile };
		const compose = loadComposeFile(project.composeFile);
		options = {
			...common,
			target: composeTarget(project),
			source: 'compose',
			databases: [...appDatabases],
			volumes: volumesToArchive(compose, profilesFrom(env)),
			volumeImage: compose.services.postgres?.image,
			envFile,
		};
	}
	const result = await runBackup(options);
	console.log(
		values['dry-run'] ? 'Dry run: nothing was written.' : `Backup complete: ${result.folder}`,
	);
});
