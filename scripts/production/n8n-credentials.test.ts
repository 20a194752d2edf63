import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SWITCHBOARD_SECRET_HEADER } from '@switchboard/glue/common';
import { CREDENTIALS } from '../lib/n8n-provision.ts';
import { interpolate, loadComposeFile } from './compose.ts';
import type { EnvValues } from './env-file.ts';
import { CHATWOOT_IN_STACK, DIRECTUS_IN_STACK, productionCredentials } from './n8n-credentials.ts';

/** A production .env with every value the credentials read. */
const fullEnv = (overrides: EnvValues = {}): EnvValues => ({
	CHATWOOT_BOT_TOKEN: 'bot-access-token',
	CHATWOOT_ACCOUNT_ID: '3',
	ANTHROPIC_API_KEY: 'sk-ant-production',
	ANTHROPIC_BASE_URL: '',
	ANTHROPIC_MODEL: 'claude-sonnet-4-5',
	ANTHROPIC_PRICE_INPUT: '3',
	ANTHROPIC_PRICE_OUTPUT: '15',
	ANTHROPIC_PRICE_CACHE_WRITE: '3.75',
	ANTHROPIC_PRICE_CACHE_READ: '0.3',
	DIRECTUS_AUTOMATION_TOKEN: 'automation-token',
	DIRECTUS_DB_PASSWORD: 'directus-db-password',
	GATEWAY_FORWARD_SECRET: 'gateway-forward-secret',
	SWITCHBOARD_PROMOTION_WEBHOOK_SECRET: 'promotion-secret',
	META_PAGE_ACCESS_TOKEN: 'EAA-page-token',
	META_APP_SECRET: 'meta-app-secret',
	META_PAGE_ID: '109876543210987',
	META_INSTAGRAM_ACCOUNT_ID: '17841400000000001',
	SWITCHBOARD_ADMIN_EMAIL: 'admin@example.org',
	SWITCHBOARD_OPERATIONS_EMAIL: 'ops@example.org',
	SWITCHBOARD_MARKETING_EMAIL: 'social@example.org',
	MAILER_SENDER_EMAIL: '',
	SMTP_ADDRESS: 'smtp.example.org',
	SMTP_PORT: '587',
	SMTP_USERNAME: 'marketing@example.org',
	SMTP_PASSWORD: 'smtp-password',
	SMTP_SECURE: '',
	GOOGLE_CALENDAR_CLIENT_ID: 'google-client-id.apps.googleusercontent.com',
	GOOGLE_CALENDAR_CLIENT_SECRET: 'google-client-secret',
	GOOGLE_CALENDAR_REFRESH_TOKEN: 'google-refresh-token',
	...overrides,
});

const dataOf = (env: EnvValues, id: string) =>
	productionCredentials(env).records.find((record) => record.id === id)?.data;

describe('n8n-credentials', () => {
	describe('productionCredentials', () => {
		it('should fill every credential the workflows name, with the ids they name it by', () => {
			const { records, skipped } = productionCredentials(fullEnv());
			assert.deepEqual(skipped, []);
			assert.deepEqual(
				records.map(({ id, name, type }) => ({ id, name, type })),
				Object.values(CREDENTIALS),
			);
		});

		it('should point n8n at the services inside the stack', () => {
			const env = fullEnv();
			assert.deepEqual(dataOf(env, CREDENTIALS.chatwoot.id), {
				url: 'http://chatwoot-rails:3000',
				accessToken: 'bot-access-token',
				accountId: 3,
			});
			assert.deepEqual(dataOf(env, CREDENTIALS.directus.id), {
				url: 'http://directus:8055',
				token: 'automation-token',
			});
			assert.deepEqual(dataOf(env, CREDENTIALS.gatewaySecret.id), {
				name: SWITCHBOARD_SECRET_HEADER,
				value: 'gateway-forward-secret',
			});
			assert.deepEqual(dataOf(env, CREDENTIALS.promotionHookSecret.id), {
				name: SWITCHBOARD_SECRET_HEADER,
				value: 'promotion-secret',
			});
		});

		it('should reach each service at the name, port and login compose gives it, from the workers', () => {
			const compose = loadComposeFile();
			const env = fullEnv();
			const service = (name: string) => compose.services[name]!;
			const environment = (name: string) =>
				Object.fromEntries(
					Object.entries(service(name).environment as Record<string, unknown>).map(
						([key, value]) => [key, interpolate(String(value), env)],
					),
				);
			// The sb_ tables live in the Directus database, reached as Directus's own role.
			const directus = environment('directus');
			assert.deepEqual(dataOf(env, CREDENTIALS.logStore.id), {
				host: directus.DB_HOST,
				port: Number(directus.DB_PORT),
				database: directus.DB_DATABASE,
				user: directus.DB_USER,
				password: directus.DB_PASSWORD,
				ssl: 'disable',
				operationsEmail: 'ops@example.org',
				marketingEmail: 'social@example.org',
				mailFrom: 'marketing@example.org',
			});
			assert.equal(CHATWOOT_IN_STACK, environment('gateway').CHATWOOT_URL);
			assert.equal(DIRECTUS_IN_STACK, 'http://directus:8055');
			assert.match(JSON.stringify(service('directus').healthcheck), /127\.0\.0\.1:8055\//);
			// Workers run the executions (queue mode); each target shares a network with them.
			const networksOf = (name: string) => service(name).networks as string[];
			for (const target of ['postgres', 'chatwoot-rails', 'directus']) {
				assert.ok(
					networksOf('n8n-worker').some((network) => networksOf(target).includes(network)),
					`n8n-worker cannot reach ${target}`,
				);
			}
		});

		it("should give the workflows' mail the .env's addresses: operations and marketing, else the admin; the stack's sender, else the SMTP user", () => {
			const addresses = (overrides: EnvValues) => {
				const data = dataOf(fullEnv(overrides), CREDENTIALS.logStore.id)!;
				return { ops: data.operationsEmail, marketing: data.marketingEmail, from: data.mailFrom };
			};
			assert.deepEqual(addresses({ MAILER_SENDER_EMAIL: 'Shop <hello@example.org>' }), {
				ops: 'ops@example.org',
				marketing: 'social@example.org',
				from: 'Shop <hello@example.org>',
			});
			assert.deepEqual(
				addresses({ SWITCHBOARD_OPERATIONS_EMAIL: '', SWITCHBOARD_MARKETING_EMAIL: '' }),
				{ ops: 'admin@example.org', marketing: 'admin@example.org', from: 'marketing@example.org' },
			);
		});

		it("should use Anthropic's API unless ANTHROPIC_BASE_URL names another", () => {
			const model = {
				model: 'claude-sonnet-4-5',
				priceInput: 3,
				priceOutput: 15,
				priceCacheWrite: 3.75,
				priceCacheRead: 0.3,
			};
			assert.deepEqual(dataOf(fullEnv(), CREDENTIALS.claude.id), {
				apiKey: 'sk-ant-production',
				...model,
			});
			assert.deepEqual(
				dataOf(
					fullEnv({ ANTHROPIC_BASE_URL: 'https://llm-proxy.example.org' }),
					CREDENTIALS.claude.id,
				),
				{ apiKey: 'sk-ant-production', baseUrl: 'https://llm-proxy.example.org', ...model },
			);
		});

		it("should skip the Claude credential, naming the variables, when the model or its prices are unset or not numbers, never taking the simulator's", () => {
			const { skipped } = productionCredentials(
				fullEnv({ ANTHROPIC_MODEL: '', ANTHROPIC_PRICE_OUTPUT: 'cheap' }),
			);
			assert.deepEqual(skipped, [
				{
					key: 'claude',
					name: CREDENTIALS.claude.name,
					problems: [
						'ANTHROPIC_MODEL (empty)',
						'ANTHROPIC_PRICE_OUTPUT (not a price in USD per million tokens, e.g. 0.8)',
					],
				},
			]);
		});

		it('should take 0 for cache prices left empty', () => {
			const data = dataOf(
				fullEnv({ ANTHROPIC_PRICE_CACHE_WRITE: '', ANTHROPIC_PRICE_CACHE_READ: '' }),
				CREDENTIALS.claude.id,
			) as { priceCacheWrite: number; priceCacheRead: number };
			assert.deepEqual([data.priceCacheWrite, data.priceCacheRead], [0, 0]);
		});

		it('should default the Chatwoot account to 1, as compose does, and refuse one that is not a number', () => {
			assert.equal(
				(
					dataOf(fullEnv({ CHATWOOT_ACCOUNT_ID: '' }), CREDENTIALS.chatwoot.id) as {
						accountId: number;
					}
				).accountId,
				1,
			);
			const { skipped } = productionCredentials(fullEnv({ CHATWOOT_ACCOUNT_ID: 'one' }));
			assert.deepEqual(skipped, [
				{
					key: 'chatwoot',
					name: CREDENTIALS.chatwoot.name,
					problems: ['CHATWOOT_ACCOUNT_ID (not a whole number above 0)'],
				},
			]);
		});

		it('should send mail with STARTTLS on 587 and implicit TLS on 465, unless SMTP_SECURE says otherwise', () => {
			assert.deepEqual(dataOf(fullEnv(), CREDENTIALS.smtp.id), {
				host: 'smtp.example.org',
				port: 587,
				user: 'marketing@example.org',
				password: 'smtp-password',
				secure: false,
				// STARTTLS stays on (the local sink's records turn it off).
				disableStartTls: false,
			});
			const secureOf = (overrides: EnvValues) =>
				(dataOf(fullEnv(overrides), CREDENTIALS.smtp.id) as { secure: boolean }).secure;
			assert.equal(secureOf({ SMTP_PORT: '465' }), true);
			assert.equal(secureOf({ SMTP_PORT: '2465', SMTP_SECURE: 'true' }), true);
			assert.equal(secureOf({ SMTP_PORT: '465', SMTP_SECURE: 'FALSE' }), false);
			assert.equal(
				(dataOf(fullEnv({ SMTP_PORT: '' }), CREDENTIALS.smtp.id) as { port: number }).port,
				587,
			);
		});

		it('should skip a credential whose variables are empty or wrong, name them, and keep the rest', () => {
			const { records, skipped } = productionCredentials(
				fullEnv({
					META_PAGE_ACCESS_TOKEN: '',
					META_PAGE_ID: '  ',
					SMTP_PORT: '70000',
					SMTP_SECURE: 'yes',
				}),
			);
			assert.deepEqual(skipped, [
				{
					key: 'meta',
					name: CREDENTIALS.meta.name,
					problems: ['META_PAGE_ACCESS_TOKEN', 'META_PAGE_ID'],
				},
				{
					key: 'smtp',
					name: CREDENTIALS.smtp.name,
					problems: [
						'SMTP_PORT (not a whole number from 1 to 65535)',
						'SMTP_SECURE (true, false or empty)',
					],
				},
			]);
			const imported = records.map((record) => record.id);
			assert.equal(imported.length, Object.keys(CREDENTIALS).length - 2);
			assert.ok(!imported.includes(CREDENTIALS.meta.id) && !imported.includes(CREDENTIALS.smtp.id));
		});

		it('should keep Meta without the optional app secret and Instagram account', () => {
			assert.deepEqual(
				dataOf(
					fullEnv({ META_APP_SECRET: '', META_INSTAGRAM_ACCOUNT_ID: '' }),
					CREDENTIALS.meta.id,
				),
				{
					accessToken: 'EAA-page-token',
					pageId: '109876543210987',
					instagramAccountId: '',
					apiVersion: 'v23.0',
				},
			);
		});

		it('should import nothing from an .env that has none of the values', () => {
			const { records, skipped } = productionCredentials({});
			assert.deepEqual(records, []);
			assert.equal(skipped.length, Object.keys(CREDENTIALS).length);
		});
	});
});
