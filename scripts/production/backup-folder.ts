// Dated backup folders: their names, their manifest (with checksums), and retention.
import { createHash } from 'node:crypto';
import {
	createReadStream,
	existsSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v4';
import { BackupError } from './backup-error.ts';

const FOLDER_NAME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

/** 2026-11-22T03-00-00Z: UTC, sortable, no colons (safe on every filesystem). */
export function backupFolderName(date: Date): string {
	return `${date.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
}

export function parseBackupFolderName(name: string): Date | null {
	const m = FOLDER_NAME.exec(name);
	if (!m) return null;
	const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Removes dated folders older than `retentionDays` (and only those: other entries are left alone).
 * `dryRun` lists without removing. Returns the names removed.
 */
export function pruneBackups(
	root: string,
	retentionDays: number,
	now: Date,
	dryRun = false,
): string[] {
	if (!existsSync(root)) return [];
	const cutoff = now.getTime() - retentionDays * 24 * 60 * 60 * 1000;
	const old = readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.filter((entry) => {
			const date = parseBackupFolderName(entry.name);
			return date !== null && date.getTime() < cutoff;
		})
		.map((entry) => entry.name)
		.sort();
	if (!dryRun) for (const name of old) rmSync(join(root, name), { recursive: true, force: true });
	return old;
}

const fileSchema = z.object({
	file: z.string().regex(/^[\w.-]+$/),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	bytes: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
	version: z.literal(1),
	createdAt: z.iso.datetime(),
	/** What was backed up: the compose stack, or a PostgreSQL server given by URL. */
	source: z.enum(['compose', 'url']),
	databases: z.array(fileSchema.extend({ name: z.string(), owner: z.string() })),
	volumes: z.array(fileSchema.extend({ name: z.string() })),
	/** A copy of .env (compose only): N8N_ENCRYPTION_KEY must match the n8n database restored. */
	env: fileSchema.nullable(),
});
export type Manifest = z.output<typeof manifestSchema>;
export type ManifestFile = z.output<typeof fileSchema>;

export const MANIFEST = 'manifest.json';

export async function describeFile(folder: string, file: string): Promise<ManifestFile> {
	const path = join(folder, file);
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return { file, sha256: hash.digest('hex'), bytes: statSync(path).size };
}

export function writeManifest(folder: string, manifest: Manifest): void {
	writeFileSync(
		join(folder, MANIFEST),
		`${JSON.stringify(manifestSchema.parse(manifest), null, '\t')}\n`,
		{
			mode: 0o600,
		},
	);
}

export function readManifest(folder: string): Manifest {
	const path = join(folder, MANIFEST);
	if (!existsSync(path)) {
		throw new BackupError({ folder, reason: `has no ${MANIFEST}: not a finished backup` });
	}
	try {
		return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
	} catch (cause) {
		throw new BackupError({ folder, reason: `${MANIFEST} is not valid`, cause });
	}
}

/** Every file the manifest lists exists with its recorded checksum; otherwise nothing is restored. */
export async function verifyManifest(folder: string, manifest: Manifest): Promise<void> {
	const files = [
		...manifest.databases,
		...manifest.volumes,
		...(manifest.env ? [manifest.env] : []),
	];
	for (const expected of files) {
		if (!existsSync(join(folder, expected.file))) {
			throw new BackupError({ folder, reason: `${expected.file} is missing` });
		}
		const actual = await describeFile(folder, expected.file);
		if (actual.sha256 !== expected.sha256) {
			throw new BackupError({ folder, reason: `${expected.file} does not match its checksum` });
		}
	}
}
