import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BackupError } from './backup-error.ts';
import {
	backupFolderName,
	describeFile,
	parseBackupFolderName,
	pruneBackups,
	readManifest,
	verifyManifest,
	writeManifest,
	type Manifest,
} from './backup-folder.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('backup-folder', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-backup-folder-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('backupFolderName', () => {
		it('should name a folder by its UTC time, without colons, and read it back', () => {
			const date = new Date('2026-11-22T03:04:05.678Z');
			assert.equal(backupFolderName(date), '2026-11-22T03-04-05Z');
			assert.equal(
				parseBackupFolderName('2026-11-22T03-04-05Z')?.toISOString(),
				'2026-11-22T03:04:05.000Z',
			);
		});

		it('should not take other names for backups', () => {
			for (const name of [
				'latest',
				'2026-11-22',
				'2026-13-40T99-00-00Z',
				'2026-11-22T03-04-05Z.old',
			]) {
				assert.equal(parseBackupFolderName(name), null, name);
			}
		});
	});

	describe('pruneBackups', () => {
		it('should remove dated folders older than the retention and nothing else', () => {
			const root = join(dir, 'prune');
			const now = new Date('2026-11-22T03:00:00Z');
			const names = [20, 14.5, 13, 0].map((days) =>
				backupFolderName(new Date(now.getTime() - days * DAY)),
			);
			for (const name of [...names, 'keep-me']) mkdirSync(join(root, name), { recursive: true });
			writeFileSync(join(root, 'notes.txt'), 'not a backup');

			assert.deepEqual(pruneBackups(root, 14, now, true), names.slice(0, 2));
			assert.equal(readdirSync(root).length, 6, 'a dry run removes nothing');

			assert.deepEqual(pruneBackups(root, 14, now), names.slice(0, 2));
			assert.deepEqual(
				readdirSync(root).sort(),
				[...names.slice(2), 'keep-me', 'notes.txt'].sort(),
			);
		});

		it('should do nothing when the folder does not exist yet', () => {
			assert.deepEqual(pruneBackups(join(dir, 'absent'), 14, new Date()), []);
		});
	});

	describe('manifest', () => {
		const folder = join(dir, 'manifested');
		mkdirSync(folder);
		writeFileSync(join(folder, 'app.dump'), 'dump bytes');

		const manifestFor = async (): Promise<Manifest> => ({
			version: 1,
			createdAt: new Date().toISOString(),
			source: 'url',
			databases: [{ name: 'app', owner: 'app', ...(await describeFile(folder, 'app.dump')) }],
			volumes: [],
			env: null,
		});

		it('should round-trip and verify when the files are intact', async () => {
			const manifest = await manifestFor();
			writeManifest(folder, manifest);
			assert.deepEqual(readManifest(folder), manifest);
			await verifyManifest(folder, manifest);
		});

		it('should refuse a changed or a missing file', async () => {
			const manifest = await manifestFor();
			writeFileSync(join(folder, 'app.dump'), 'dump bytez');
			await assert.rejects(
				verifyManifest(folder, manifest),
				(err: unknown) => err instanceof BackupError && /checksum/.test(err.message),
			);
			rmSync(join(folder, 'app.dump'));
			await assert.rejects(verifyManifest(folder, manifest), /app\.dump is missing/);
		});

		it('should refuse a folder without a manifest, as an unfinished backup', () => {
			const unfinished = join(dir, 'unfinished');
			mkdirSync(unfinished);
			assert.equal(existsSync(join(unfinished, 'manifest.json')), false);
			assert.throws(() => readManifest(unfinished), /not a finished backup/);
		});
	});
});
