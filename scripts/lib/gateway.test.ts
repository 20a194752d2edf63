import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGatewayConfig } from '@switchboard/glue/gateway';
import { gatewayProcessEnv, type GatewayOptions } from './gateway.ts';

const options = (overrides: Partial<GatewayOptions> = {}): GatewayOptions => ({
	port: 8080,
	databaseUrl: 'postgres://postgres@127.0.0.1:5432/directus',
	n8nInboundUrl: 'http://127.0.0.1:5678/webhook/switchboard-inbound',
	forwardSecret: 'forward-secret-0000001',
	webhookSecrets: ['bot-secret-0001'],
	chatwoot: { url: 'http://127.0.0.1:3000', apiToken: 'token', accountId: 1 },
	logFile: '/tmp/gateway.log',
	cwd: '/tmp',
	...overrides,
});

describe('gateway', () => {
	describe('gatewayProcessEnv', () => {
		it("should keep the account webhook's secret apart from the bot's, so each source is told", () => {
			const env = gatewayProcessEnv(options({ accountWebhookSecrets: ['account-secret-1'] }));
			assert.deepEqual(parseGatewayConfig(env).webhookSecrets, {
				agentBot: ['bot-secret-0001'],
				account: ['account-secret-1'],
			});
		});

		it('should leave the account secret unset when there is no account webhook', () => {
			const env = gatewayProcessEnv(options());
			assert.deepEqual(parseGatewayConfig(env).webhookSecrets.account, []);
		});
	});
});
