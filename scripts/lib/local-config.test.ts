import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
	localEnvVariables,
	localSecrets,
	localStackOptions,
	parseLocalEnv,
} from './local-config.ts';
import { StackError } from './stack-error.ts';

describe('local-config', () => {
	const stateDir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
	after(() => rmSync(stateDir, { recursive: true, force: true }));

	describe('parseLocalEnv', () => {
		it('should fall back to the documented defaults when nothing is set', () => {
			const env = parseLocalEnv({});
			assert.equal(env.N8N_PORT, 5678);
			assert.equal(env.DIRECTUS_PORT, 8055);
			assert.equal(env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/postgres');
			assert.equal(env.GATEWAY_PORT, 8080);
			assert.equal(env.SMTP_SINK_PORT, 2525);
			assert.equal(env.SMTP_SINK_HTTP_PORT, 8792);
		});

		it('should name the bad variable when a port is not a number', () => {
			assert.throws(
				() => parseLocalEnv({ N8N_PORT: 'abc' }),
				(err: unknown) =>
					err instanceof StackError && /^\.env: N8N_PORT is invalid/.test(err.message),
			);
		});

		it('should accept .env.example copied as it is, reading empty values as unset', () => {
			const example = parseEnv(
				readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'),
			);
			const env = parseLocalEnv(example);
			assert.equal(env.CHATWOOT_URL, undefined);
			assert.equal(env.SWITCHBOARD_ADMIN_PASSWORD, undefined);
		});

		it('should have every variable it reads listed in .env.example', () => {
			const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
			const missing = localEnvVariables.filter(
				(name) => !new RegExp(`^#? ?${name}=`, 'm').test(example),
			);
			assert.deepEqual(missing, []);
		});

		it('should refuse a Directus secret shorter than 32 characters', () => {
			assert.throws(
				() => parseLocalEnv({ DIRECTUS_SECRET: 'short' }),
				/DIRECTUS_SECRET is invalid/,
			);
		});
	});

	describe('localStackOptions', () => {
		it('should generate secrets once, keep them private, and reuse them on the next start', () => {
			const first = localStackOptions(parseLocalEnv({}), stateDir);
			const second = localStackOptions(parseLocalEnv({}), stateDir);
			assert.deepEqual(second.secrets, first.secrets);
			assert.equal(second.admin.password, first.admin.password);
			const file = join(stateDir, 'secrets.json');
			assert.equal(statSync(file).mode & 0o777, 0o600);
			assert.equal(JSON.parse(readFileSync(file, 'utf8')).adminPassword, first.admin.password);
		});

		it('should prefer values from the environment over generated ones', () => {
			const options = localStackOptions(
				parseLocalEnv({
					SWITCHBOARD_ADMIN_PASSWORD: 'from-dot-env',
					N8N_ENCRYPTION_KEY: 'k'.repeat(20),
				}),
				stateDir,
			);
			assert.equal(options.admin.password, 'from-dot-env');
			assert.equal(options.secrets.n8nEncryptionKey, 'k'.repeat(20));
			assert.equal(options.dropDatabasesOnStop, false);
		});

		it('should run N8N_WORKERS workers in queue mode, each with its own two ports', () => {
			const options = localStackOptions(
				parseLocalEnv({ N8N_WORKERS: '2', N8N_WORKER_PORT: '6000' }),
				stateDir,
			);
			assert.equal(options.n8nMode, undefined, 'queue mode, the default');
			assert.deepEqual(options.ports.n8nWorkers, [
				{ health: 6000, broker: 6001 },
				{ health: 6002, broker: 6003 },
			]);
			assert.equal(options.ports.n8nWebhook, 5680);
			assert.equal(localStackOptions(parseLocalEnv({}), stateDir).ports.n8nWorkers.length, 1);
		});
	});

	describe('localSecrets', () => {
		it('should generate the gateway, automation and promotion secrets once and keep them', () => {
			const dir = mkdtempSync(join(stateDir, 'secrets-'));
			const first = localSecrets(parseLocalEnv({}), dir);
			assert.deepEqual(localSecrets(parseLocalEnv({}), dir), first);
			assert.equal(
				JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).gatewayForwardSecret,
				first.gatewayForwardSecret,
			);
			assert.equal(new Set(Object.values(first)).size, 3);
		});

		it('should add them to a secrets.json from an older start, keeping what is there', () => {
			const dir = mkdtempSync(join(stateDir, 'older-'));
			writeFileSync(
				join(dir, 'secrets.json'),
				JSON.stringify({
					adminPassword: 'Sb-kept-password',
					n8nEncryptionKey: 'k'.repeat(24),
					directusSecret: 's'.repeat(32),
					directusAdminToken: 't'.repeat(24),
				}),
			);
			const secrets = localSecrets(parseLocalEnv({}), dir);
			assert.ok(secrets.directusAutomationToken.length >= 16);
			const file = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
			assert.equal(file.adminPassword, 'Sb-kept-password');
			assert.equal(file.directusAutomationToken, secrets.directusAutomationToken);
		});

		it('should prefer the environment over generated ones', () => {
			const secrets = localSecrets(
				parseLocalEnv({ GATEWAY_FORWARD_SECRET: 'g'.repeat(20) }),
				stateDir,
			);
			assert.equal(secrets.gatewayForwardSecret, 'g'.repeat(20));
		});
	});
});
