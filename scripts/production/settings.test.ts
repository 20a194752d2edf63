import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseEnvText } from './env-file.ts';
import { paths } from './paths.ts';
import { placeholderSettings } from './settings.ts';

describe('settings', () => {
	describe('placeholderSettings', () => {
		it('should name every host and mailbox .env.example leaves on example.com', () => {
			const example = parseEnvText(readFileSync(paths.envExample, 'utf8'));
			assert.deepEqual(placeholderSettings(example), [
				'PUBLIC_DOMAIN',
				'PANGOLIN_PUBLIC_HOST',
				'CHATWOOT_PUBLIC_HOST',
				'N8N_PUBLIC_HOST',
				'DIRECTUS_PUBLIC_HOST',
				'GATEWAY_PUBLIC_HOST',
				'SWITCHBOARD_ADMIN_EMAIL',
			]);
		});

		it('should catch the other reserved names and case, and pass real ones', () => {
			assert.deepEqual(
				placeholderSettings({
					PUBLIC_DOMAIN: 'EXAMPLE.ORG',
					CHATWOOT_PUBLIC_HOST: 'chat.shop.example',
					N8N_PUBLIC_HOST: 'n8n.local.test',
					ACME_EMAIL: 'ops@example.net',
					DIRECTUS_PUBLIC_HOST: 'cms.example.com.au',
					GATEWAY_PUBLIC_HOST: 'hooks.myexample.com',
					SWITCHBOARD_ADMIN_EMAIL: 'admin@northwind-fibre.pt',
					SWITCHBOARD_TIMEZONE: 'Europe/Lisbon',
				}),
				['PUBLIC_DOMAIN', 'CHATWOOT_PUBLIC_HOST', 'N8N_PUBLIC_HOST', 'ACME_EMAIL'],
			);
		});

		it('should leave empty and missing values to the check for missing ones', () => {
			assert.deepEqual(placeholderSettings({ PUBLIC_DOMAIN: '', ACME_EMAIL: '  ' }), []);
		});
	});
});
