// Restores a dated backup folder made by backup.ts. Checks every checksum before touching anything,
// then replaces each database (and, for the compose stack, each volume) with the backup's copy.
//   bash scripts/with-node24 node scripts/production/restore.ts <folder> --yes [--dry-run]
//   bash scripts/with-node24 node scripts/production/restore.ts <folder> --yes --database-url postgres://…
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './cli.ts';
import { createDryRunRunner, createProcessRunner } from './command.ts';
import {
	activeServices,
	composeCommand,
	defaultProject,
	dockerVolumeName,
	loadComposeFile,
	profilesFrom,
	upStackArgs,
} from './compose.ts';
import { readEnvFile } from './env-file.ts';
import { composeTarget, urlTarget } from './postgres-target.ts';
import { ProductionError } from './production-error.ts';
import { runRestore, type RestoreOptions } from './restore-run.ts';

runCli(async () => {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			'dry-run': { type: 'boolean', default: false },
			yes: { type: 'boolean', default: false },
			'database-url': { type: 'string' },
			dotenv: { type: 'string', default: defaultProject.envFile },
		},
	});
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
	let options: RestoreOptions;
	if (values['database-url']) {
		options = { ...common, target: urlTarget(values['database-url']) };
	} else {
		const project = { ...defaultProject, envFile: values.dotenv };
		const compose = loadComposeFile(project.composeFile);
		const env = readEnvFile(project.envFile);
		const services = activeServices(compose, profilesFrom(env));
		options = {
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
	const manifest = await runRestore(options);
	if (manifest.env) {
		console.log(
			`The backup holds the .env it was made with (${folder}/dot-env). Its N8N_ENCRYPTION_KEY must be the one in your .env, or n8n cannot read its credentials.`,
		);
	}
	console.log(values['dry-run'] ? 'Dry run: nothing was changed.' : `Restored ${folder}`);
});
