// Secret generation for real: files on disk, the real crypto source, the real .env.example.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseEnvText } from './env-file.ts';
import { paths } from './paths.ts';
import { ensureSecrets, generateSecret, productionSecrets } from './secrets.ts';

const names = productionSecrets.map((spec) => spec.name);

describe('secrets', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('generateSecret', () => {
		it('should make URL-safe values of the requested strength, different each time', () => {
			const spec = { name: 'X', bytes: 24 };
			const [a, b] = [generateSecret(spec), generateSecret(spec)];
			assert.match(a, /^[A-Za-z0-9_-]{32}$/);
			assert.notEqual(a, b);
			assert.match(
				generateSecret({ name: 'P', bytes: 18, prefix: 'Sb1-' }),
				/^Sb1-[A-Za-z0-9_-]{24}$/,
			);
		});
	});

	describe('ensureSecrets', () => {
		it('should create .env from the example with every secret filled and mode 600', () => {
			const envFile = join(dir, 'fresh.env');
			const result = ensureSecrets({ envFile, exampleFile: paths.envExample });
			assert.equal(result.createdFile, true);
			assert.deepEqual(result.generated, names);
			assert.equal(statSync(envFile).mode & 0o777, 0o600);
			const env = parseEnvText(readFileSync(envFile, 'utf8'));
			for (const name of names) assert.ok((env[name] ?? '').length >= 24, name);
			assert.ok(env.DIRECTUS_SECRET!.length >= 32, 'Directus wants 32 characters');
			assert.ok(env.PANGOLIN_SERVER_SECRET!.length >= 32, 'Pangolin wants 32 characters');
			// n8n's side of the stack: the gateway's forwards, Directus's promotion hook and the
			// Automation user's token.
			for (const name of [
				'GATEWAY_FORWARD_SECRET',
				'DIRECTUS_AUTOMATION_TOKEN',
				'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET',
			]) {
				assert.ok(names.includes(name), `${name} is not generated`);
				assert.ok(env[name]!.length >= 32, name);
			}
			// Everything else of the example is still there, untouched.
			assert.equal(env.PUBLIC_DOMAIN, 'example.com');
			assert.equal(env.COMPOSE_PROFILES, 'edge');
			const example = readFileSync(paths.envExample, 'utf8').split('\n');
			assert.equal(readFileSync(envFile, 'utf8').split('\n').length, example.length);
		});

		it('should keep existing values and fill only the empty ones', () => {
			const envFile = join(dir, 'partial.env');
			copyFileSync(paths.envExample, envFile);
			writeFileSync(
				envFile,
				readFileSync(envFile, 'utf8').replace(
					/^N8N_ENCRYPTION_KEY=$/m,
					'N8N_ENCRYPTION_KEY=keep-this-key',
				),
			);
			const first = ensureSecrets({ envFile, exampleFile: paths.envExample });
			assert.deepEqual(first.kept, ['N8N_ENCRYPTION_KEY']);
			assert.equal(first.createdFile, false);
			const afterFirst = readFileSync(envFile, 'utf8');
			assert.equal(parseEnvText(afterFirst).N8N_ENCRYPTION_KEY, 'keep-this-key');

			const second = ensureSecrets({ envFile, exampleFile: paths.envExample });
			assert.deepEqual(second.generated, []);
			assert.deepEqual(second.kept, names);
			assert.equal(readFileSync(envFile, 'utf8'), afterFirst, 'a second run changes nothing');
		});

		it('should tighten the mode of an existing .env even when nothing is generated', () => {
			const envFile = join(dir, 'loose.env');
			writeFileSync(envFile, names.map((name) => `${name}=set`).join('\n'), { mode: 0o644 });
			ensureSecrets({ envFile, exampleFile: paths.envExample });
			assert.equal(statSync(envFile).mode & 0o777, 0o600);
		});
	});

	describe('bootstrap.ts', () => {
		it('should print the names it generated and never a value', () => {
			const envFile = join(dir, 'cli.env');
			const run = spawnSync(
				process.execPath,
				[join(import.meta.dirname, 'bootstrap.ts'), '--dotenv', envFile],
				{ encoding: 'utf8' },
			);
			assert.equal(run.status, 0, run.stderr);
			const env = parseEnvText(readFileSync(envFile, 'utf8'));
			for (const name of names) {
				assert.ok(run.stdout.includes(name), `${name} not reported`);
				assert.ok(!run.stdout.includes(env[name]!), `${name}'s value was printed`);
			}
			assert.match(run.stdout, /Still to set in .*ACME_EMAIL/);
		});
	});
});
