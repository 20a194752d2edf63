// first-start.ts as a process: what it refuses before running any command.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { paths } from './paths.ts';
import { ensureSecrets } from './secrets.ts';

const run = promisify(execFile);

describe('first-start.ts', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-first-start-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	it(".env.example's example.com names are refused before anything runs, each named", async () => {
		const envFile = join(dir, '.env');
		ensureSecrets({ envFile, exampleFile: paths.envExample });
		appendFileSync(envFile, 'ACME_EMAIL=ops@northwind-fibre.pt\n');
		await assert.rejects(
			run(process.execPath, [join(import.meta.dirname, 'first-start.ts'), '--dotenv', envFile]),
			(error: Error & { stdout: string; stderr: string }) => {
				assert.match(
					error.stderr,
					/PUBLIC_DOMAIN, PANGOLIN_PUBLIC_HOST, CHATWOOT_PUBLIC_HOST, N8N_PUBLIC_HOST, DIRECTUS_PUBLIC_HOST, GATEWAY_PUBLIC_HOST, SWITCHBOARD_ADMIN_EMAIL still hold \.env\.example's placeholder \(example\.com\)/,
				);
				assert.doesNotMatch(error.stdout, /\[1\/\d+\]/, 'no step ran');
				return true;
			},
		);
	});

	it('--upgrade should build, migrate Chatwoot with db:chatwoot_prepare, then start the stack', async () => {
		const envFile = join(dir, 'upgrade.env');
		ensureSecrets({ envFile, exampleFile: paths.envExample });
		const { stdout } = await run(process.execPath, [
			join(import.meta.dirname, 'first-start.ts'),
			'--upgrade',
			'--dry-run',
			'--dotenv',
			envFile,
		]);
		const steps = [...stdout.matchAll(/^\[\d+\/\d+\] ([\w-]+):/gm)].map((m) => m[1]);
		assert.deepEqual(steps, ['build', 'datastores', 'chatwoot-db', 'start']);
		assert.match(stdout, /run --rm chatwoot-rails bundle exec rails db:chatwoot_prepare$/m);
	});
});
