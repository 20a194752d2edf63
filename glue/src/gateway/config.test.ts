import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGatewayConfig } from './config.ts';
import { GatewayConfigError } from './gateway-config-error.ts';

const env = (overrides: Record<string, string> = {}): NodeJS.ProcessEnv => ({
	CHATWOOT_WEBHOOK_SECRET: 'bot-secret-0001',
	N8N_INBOUND_WEBHOOK_URL: 'http://n8n-webhook:5678/webhook/switchboard-inbound',
	GATEWAY_FORWARD_SECRET: 'forward-secret-0001',
	DATABASE_URL: 'postgres://directus:pw@postgres:5432/directus',
	CHATWOOT_URL: 'http://chatwoot-rails:3000',
	CHATWOOT_API_TOKEN: 'token',
	CHATWOOT_ACCOUNT_ID: '1',
	...overrides,
});

function issuesOf(input: NodeJS.ProcessEnv): string[] {
	try {
		parseGatewayConfig(input);
	} catch (error) {
		assert.ok(error instanceof GatewayConfigError);
		return error.issues.map((issue) => issue.variable);
	}
	return assert.fail('expected a GatewayConfigError');
}

describe('config', () => {
	describe('parseGatewayConfig', () => {
		it('should fall back to the documented defaults', () => {
			const config = parseGatewayConfig(env());
			assert.equal(config.port, 8080);
			assert.equal(config.bodyLimitBytes, 1_048_576);
			assert.deepEqual(config.debounce, { debounceMs: 3000, maxWaitMs: 15_000 });
			assert.equal(config.forward.maxAttempts, 10);
			assert.equal(config.reconcile.intervalMs, 60_000);
			assert.equal(config.signatureToleranceSeconds, 300);
			assert.deepEqual(config.chatwoot, {
				url: 'http://chatwoot-rails:3000',
				apiToken: 'token',
				accountId: 1,
			});
		});

		it('should accept several comma-separated secrets, for rotation', () => {
			const config = parseGatewayConfig(
				env({
					CHATWOOT_WEBHOOK_SECRET: 'old-secret-01, new-secret-02',
					CHATWOOT_ACCOUNT_WEBHOOK_SECRET: 'acct-secret-1',
				}),
			);
			assert.deepEqual(config.webhookSecrets, {
				agentBot: ['old-secret-01', 'new-secret-02'],
				account: ['acct-secret-1'],
			});
		});

		it('should take CHATWOOT_BOT_SECRET, the name compose uses, when CHATWOOT_WEBHOOK_SECRET is unset', () => {
			const config = parseGatewayConfig(
				env({ CHATWOOT_WEBHOOK_SECRET: '', CHATWOOT_BOT_SECRET: 'compose-secret' }),
			);
			assert.deepEqual(config.webhookSecrets.agentBot, ['compose-secret']);
		});

		it('should name every missing secret and never echo a value', () => {
			const input = env({ CHATWOOT_WEBHOOK_SECRET: '', GATEWAY_FORWARD_SECRET: 'short-leaky' });
			assert.deepEqual(issuesOf(input).sort(), [
				'CHATWOOT_WEBHOOK_SECRET',
				'GATEWAY_FORWARD_SECRET',
			]);
			assert.throws(
				() => parseGatewayConfig(input),
				(error: Error) => !error.message.includes('short-leaky'),
			);
		});

		it('should require the Chatwoot API settings only while the reconciler is on', () => {
			const without = env({ CHATWOOT_URL: '', CHATWOOT_API_TOKEN: '', CHATWOOT_ACCOUNT_ID: '' });
			assert.deepEqual(issuesOf(without).sort(), [
				'CHATWOOT_ACCOUNT_ID',
				'CHATWOOT_API_TOKEN',
				'CHATWOOT_URL',
			]);
			const off = parseGatewayConfig({ ...without, GATEWAY_RECONCILE_INTERVAL_MS: '0' });
			assert.equal(off.chatwoot, null);
		});

		it('should turn the Meta route on with its verify token, and refuse it without the app secret', () => {
			// The app secret alone is n8n's Page credential's business: no route, no error.
			assert.equal(parseGatewayConfig(env({ META_APP_SECRET: 'app-secret-0001' })).meta, null);
			assert.deepEqual(
				parseGatewayConfig(
					env({ META_APP_SECRET: 'app-secret-0001', META_WEBHOOK_VERIFY_TOKEN: 'verify-0001' }),
				).meta,
				{
					appSecret: 'app-secret-0001',
					verifyToken: 'verify-0001',
					chatwootUrl: 'http://chatwoot-rails:3000',
					maxAttempts: 60,
					chatwootConfigFile: null,
				},
			);
			assert.deepEqual(issuesOf(env({ META_WEBHOOK_VERIFY_TOKEN: 'verify-0001' })), [
				'META_APP_SECRET',
			]);
		});

		it('should refuse a debounce cap below the debounce and a non-http n8n URL', () => {
			assert.deepEqual(
				issuesOf(
					env({
						GATEWAY_DEBOUNCE_MS: '5000',
						GATEWAY_DEBOUNCE_MAX_MS: '1000',
						N8N_INBOUND_WEBHOOK_URL: 'ftp://n8n/x',
					}),
				).sort(),
				['GATEWAY_DEBOUNCE_MAX_MS', 'N8N_INBOUND_WEBHOOK_URL'],
			);
		});
	});
});
