// Restores a dated backup folder: checks every checksum first, then recreates each database (same
// name, same owner) from its dump and refills each volume from its archive.
import { join } from 'node:path';
import { BackupError } from './backup-error.ts';
import { readManifest, verifyManifest, type Manifest } from './backup-folder.ts';
import type { Command, CommandRunner } from './command.ts';
import { assertSafeName, type PostgresTarget } from './postgres-target.ts';

export interface RestoreOptions {
	runner: CommandRunner;
	target: PostgresTarget;
	folder: string;
	/** Run before touching anything (compose: stop every service but postgres). */
	before?: Command[];
	/** Run after (compose: start the stack again). */
	after?: Command[];
	/** Compose name → Docker name, for the volumes in the manifest; required when it lists any. */
	volumeNames?: Record<string, string>;
	volumeImage?: string;
	log: (line: string) => void;
}

function recreateDatabase(target: PostgresTarget, name: string, owner: string): Command {
	return target.client('psql', [
		`--dbname=${target.maintenanceDatabase}`,
		'--no-psqlrc',
		'--quiet',
		'--set=ON_ERROR_STOP=1',
		'--command',
		`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
		'--command',
		`CREATE DATABASE "${name}" OWNER "${owner}"`,
	]);
}

export async function runRestore(options: RestoreOptions): Promise<Manifest> {
	const { runner, target, folder } = options;
	const manifest = readManifest(folder);
	await verifyManifest(folder, manifest);
	for (const db of manifest.databases) {
		assertSafeName(db.name, 'database', folder);
		assertSafeName(db.owner, 'owner', folder);
	}
	for (const volume of manifest.volumes) {
		if (!options.volumeNames?.[volume.name] || !options.volumeImage) {
			throw new BackupError({
				folder,
				reason: `holds volume ${volume.name}, which this target cannot restore`,
			});
		}
	}

	for (const command of options.before ?? []) await runner.run(command);
	for (const db of manifest.databases) {
		options.log(`Restoring database ${db.name} (owner ${db.owner}) into ${target.description}`);
		await runner.run(recreateDatabase(target, db.name, db.owner));
		await runner.run(
			// One transaction: a dump that fails half-way leaves an empty database, not a mixed one.
			target.client(
				'pg_restore',
				['--exit-on-error', '--single-transaction', `--dbname=${db.name}`],
				{
					stdinFile: join(folder, db.file),
				},
			),
		);
	}
	for (const volume of manifest.volumes) {
		options.log(`Restoring volume ${volume.name}`);
		await runner.run({
			program: 'docker',
			args: [
				'run',
				'--rm',
				'-i',
				'-v',
				`${options.volumeNames![volume.name]}:/volume`,
				options.volumeImage!,
				'sh',
				'-c',
				'find /volume -mindepth 1 -delete && tar -xzf - -C /volume',
			],
			stdinFile: join(folder, volume.file),
		});
	}
	for (const command of options.after ?? []) await runner.run(command);
	return manifest;
}
