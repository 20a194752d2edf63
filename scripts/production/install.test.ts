// A bare clone, as a server gets it: without node_modules the scripts still answer --help and
// name the install step in one line; after `bash scripts/production/install.sh` (npm ci without
// dev packages and without the root postinstall, so no n8n or Directus runtime) they run.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from './paths.ts';

const run = promisify(execFile);
type Failed = Error & { code: number; stdout: string; stderr: string };

/** What a clone holds: tracked files plus new ones not ignored (this checkout may not be committed). */
function cloneInto(dir: string): void {
	const files = execFileSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{
			cwd: repoRoot,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		},
	)
		.split('\0')
		.filter((file) => file && existsSync(join(repoRoot, file)));
	for (const file of files) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		cpSync(join(repoRoot, file), join(dir, file));
	}
}

describe('install.sh and a bare clone', () => {
	const clone = mkdtempSync(join(tmpdir(), 'sb-bare-clone-'));
	// This Node first on PATH, as on a server that has Node 24; npm from the cache where it can.
	const env = {
		...process.env,
		PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
		npm_config_prefer_offline: 'true',
	};
	const node = (script: string, ...args: string[]) =>
		run(process.execPath, [join('scripts', 'production', script), ...args], { cwd: clone, env });

	before(() => cloneInto(clone));
	after(() => rmSync(clone, { recursive: true, force: true }));

	it('no production dependency needs an install script, so --ignore-scripts loses nothing', () => {
		const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
		};
		const scripted = Object.entries(lock.packages)
			.filter(([path, entry]) => path !== '' && entry.hasInstallScript && !entry.dev)
			.map(([path]) => path);
		assert.deepEqual(scripted, []);
	});

	describe('before the install step', () => {
		it('--help should work on every script', async () => {
			for (const script of ['health.ts', 'backup.ts', 'first-start.ts', 'go-live-check.ts']) {
				const { stdout } = await node(script, '--help');
				assert.match(stdout, /^Usage: node scripts\/production\//m, script);
			}
		});

		for (const [script, args] of [
			['first-start.ts', ['--dry-run']],
			['health.ts', []],
			['backup.ts', ['--dir', 'backups']],
		] as const) {
			it(`${[script, ...args].join(' ')} should say in one line to run install.sh`, async () => {
				await assert.rejects(node(script, ...args), (error: Failed) => {
					assert.equal(error.code, 1);
					assert.match(
						error.stderr,
						/^switchboard: package \S+ is not installed: run `bash scripts\/production\/install\.sh` in the repository root \(again after each git pull\)\.\n$/,
					);
					return true;
				});
			});
		}
	});

	it('install.sh should refuse a Node too old for the scripts in one line, before installing', async (t) => {
		// This machine's system Node (20) is older than 22.18; skip where it is not.
		const system = '/usr/bin/node';
		const version = existsSync(system)
			? execFileSync(system, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
			: '';
		const [major = 0, minor = 0] = version.split('.').map(Number);
		if (!version || major > 22 || (major === 22 && minor >= 18)) {
			return t.skip(`no Node older than 22.18 at ${system}`);
		}
		await assert.rejects(
			run('bash', ['scripts/production/install.sh'], {
				cwd: clone,
				env: { ...process.env, PATH: `/usr/bin:/bin` },
			}),
			(error: Failed) => {
				assert.equal(error.code, 1);
				assert.equal(
					error.stderr,
					`switchboard: needs Node >= 22.18 (this is ${version}): install Node 24 (https://nodejs.org/en/download) and run this again.\n`,
				);
				assert.ok(!existsSync(join(clone, 'node_modules')), 'nothing installed');
				return true;
			},
		);
	});

	describe('after the install step', () => {
		before(async () => {
			await run('bash', ['scripts/production/install.sh'], {
				cwd: clone,
				env,
				maxBuffer: 16 * 1024 * 1024,
			});
		});

		it('should have installed the dependencies but no runtime and no dev tool', () => {
			assert.ok(existsSync(join(clone, 'node_modules', 'yaml')));
			assert.ok(existsSync(join(clone, 'node_modules', '@switchboard', 'glue')));
			assert.ok(!existsSync(join(clone, 'node_modules', 'typescript')), 'dev packages left out');
			assert.ok(!existsSync(join(clone, 'node_modules', 'n8n-core')), 'dev packages left out');
		});

		it('first-start.ts --dry-run should print every step and refuse nothing', async () => {
			const { stdout } = await node('first-start.ts', '--dry-run');
			assert.match(stdout, /^\[1\/\d+\] build:/m);
			assert.match(stdout, /^\(dry run\) chatwoot\/config\/business\.yaml does not exist/m);
			assert.match(stdout, /Dry run: nothing was run\.\n$/);
		});

		it('health.ts --help and backup.ts --help should print their usage', async () => {
			assert.match(
				(await node('health.ts', '--help')).stdout,
				/Usage: node scripts\/production\/health\.ts/,
			);
			assert.match(
				(await node('backup.ts', '--help')).stdout,
				/Usage: node scripts\/production\/backup\.ts/,
			);
		});
	});
});
