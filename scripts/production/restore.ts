// Restores a dated backup folder made by backup.ts. Checks every checksum before touching anything,
// then replaces each database (and, for the compose stack, each volume) with the backup's copy.
//   node scripts/production/restore.ts <folder> --yes [--dry-run]
//   node scripts/production/restore.ts <folder> --yes --database-url postgres://…   (--help: all)
import { resolve } from 'node:path';
import { runCli } from './cli.ts';
import { paths } from './paths.ts';
import { ProductionError } from './production-error.ts';
import type { RestoreOptions } from './restore-run.ts';

const USAGE = `
Restores a dated backup folder made by backup.ts. Checks every checksum before touching anything,
then stops every service but PostgreSQL, replaces each database and volume with the backup's copy,
and starts the stack again.

Usage: node scripts/production/restore.ts <folder> --yes [--dry-run]
       node scripts/production/restore.ts <folder> --yes --database-url postgres://…

  --yes                   replace the databases and volumes (required unless --dry-run)
  --dry-run               print the steps, change nothing
  --database-url <url>    restore the folder's databases into this PostgreSQL server, no Docker
  --dotenv <file>         the .env to read (default: .env in the repository root)
  -h, --help              this text
`;

const options = {
	'dry-run': { type: 'boolean', default: false },
	yes: { type: 'boolean', default: false },
	'database-url': { type: 'string' },
	dotenv: { type: 'string', default: paths.envFile },
} as const;

runCli({ usage: USAGE, options, allowPositionals: true }, async ({ values, positionals }) => {
	// Imported here so that a clone without node_modules gets --help and a one-line fix (cli.ts).
	const { createDryRunRunner, createProcessRunner } = await import('./command.ts');
	const {
		activeServices,
		composeCommand,
		defaultProject,
		dockerVolumeName,
		loadComposeFile,
		profilesFrom,
		upStackArgs,
	} = await import('./compose.ts');
	const { readEnvFile } = await import('./env-file.ts');
	const { composeTarget, urlTarget } = await import('./postgres-target.ts');
	const { runRestore } = await import('./restore-run.ts');
	const [folderArg] = positionals;
	if (!folderArg || positionals.length > 1) {
		throw new ProductionError(
			'name one backup folder, e.g. /var/backups/switchboard/2026-11-22T03-00-00Z',
		);
	}
	if (!values.yes && !values['dry-run']) {
		throw new ProductionError(
			'restoring replaces the databases and volumes: add --yes (or --dry-run to see the steps)',
		);
	}
	const folder = resolve(folderArg);
	const common = {
		runner: values['dry-run']
			? createDryRunRunner({ print: (line) => console.log(`  ${line}`) })
			: createProcessRunner(),
		folder,
		log: (line: string) => console.log(line),
	};
	let restore: RestoreOptions;
	if (values['database-url']) {
		restore = { ...common, target: urlTarget(values['database-url']) };
	} else {
		const project = { ...defaultProject, envFile: values.dotenv };
		const compose = loadComposeFile(project.composeFile);
		const env = readEnvFile(project.envFile);
		const services = activeServices(compose, profilesFrom(env));
		restore = {
			...common,
			target: composeTarget(project),
			// Nothing may write while its data is replaced; postgres itself must run.
			before: [
				composeCommand(project, ['up', '-d', '--wait', 'postgres']),
				composeCommand(project, ['stop', ...services.filter((s) => s !== 'postgres')]),
			],
			after: [composeCommand(project, upStackArgs(env))],
			volumeNames: Object.fromEntries(
				Object.keys(compose.volumes ?? {}).map((name) => [name, dockerVolumeName(compose, name)]),
			),
			volumeImage: compose.services.postgres?.image,
		};
	}
	const manifest = await runRestore(restore);
	if (manifest.env) {
		console.log(
			`The backup holds the .env it was made with (${folder}/dot-env). Its N8N_ENCRYPTION_KEY must be the one in your .env, or n8n cannot read its credentials.`,
		);
	}
	console.log(values['dry-run'] ? 'Dry run: nothing was changed.' : `Restored ${folder}`);
});
