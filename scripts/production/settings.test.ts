import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { BUSINESS_CONFIG, BUSINESS_TEMPLATE, checkBusinessConfig } from './business-config.ts';
import { formatCommand } from './command.ts';
import { defaultProject } from './compose.ts';
import { parseEnvText } from './env-file.ts';
import { firstStartPlan } from './first-start-plan.ts';
import { blueprintSchema } from './pangolin-access.ts';
import { paths, repoRoot } from './paths.ts';
import { composeTarget } from './postgres-target.ts';
import { gatewayPublicUrl, placeholderSettings } from './settings.ts';
import { renderTemplates } from './templates.ts';

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
				}),
				['PUBLIC_DOMAIN', 'CHATWOOT_PUBLIC_HOST', 'N8N_PUBLIC_HOST', 'ACME_EMAIL'],
			);
		});

		it('should leave empty and missing values to the check for missing ones', () => {
			assert.deepEqual(placeholderSettings({ PUBLIC_DOMAIN: '', ACME_EMAIL: '  ' }), []);
		});
	});

	describe('gatewayPublicUrl', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sb-gateway-url-'));
		after(() => rmSync(dir, { recursive: true, force: true }));

		it("should be the one gateway address: Pangolin's resource, Chatwoot's bot and webhook, first-start's apply", () => {
			const example = parseEnvText(readFileSync(paths.envExample, 'utf8'));
			const env = {
				...example,
				GATEWAY_PUBLIC_HOST: 'hooks.fibra.pt',
				ACME_EMAIL: 'ops@fibra.pt',
				CHATWOOT_API_TOKEN: 't',
			};
			const url = gatewayPublicUrl(env);
			assert.equal(url, 'https://hooks.fibra.pt');
			// What Pangolin serves the gateway on (first-start renders the blueprint from .env).
			renderTemplates({ templatesDir: paths.pangolinTemplates, outputDir: dir, env });
			const blueprint = blueprintSchema.parse(
				parse(readFileSync(join(dir, 'blueprint.yaml'), 'utf8')),
			);
			assert.equal(
				blueprint['public-resources']['webhook-gateway']!['full-domain'],
				'hooks.fibra.pt',
			);
			// Where Chatwoot posts, as first-start's check loads the business's config.
			const root = join(dir, 'root');
			mkdirSync(join(root, 'chatwoot', 'config'), { recursive: true });
			writeFileSync(
				join(root, BUSINESS_CONFIG),
				readFileSync(join(repoRoot, BUSINESS_TEMPLATE), 'utf8'),
			);
			const config = checkBusinessConfig(root, env).config!;
			assert.equal(config.agent_bot?.outgoing_url, `${url}/webhooks/chatwoot`);
			assert.equal(config.account_webhook?.url, `${url}/webhooks/chatwoot`);
			// What the chatwoot-config step hands the apply script.
			const step = firstStartPlan({
				project: defaultProject,
				env,
				workflows: [],
				postgres: composeTarget(defaultProject),
				directusSetupScript: null,
				chatwootApplyScript: 'scripts/apply-chatwoot-config.ts',
				localNode: 'node',
			}).find((s) => s.name === 'chatwoot-config')!;
			assert.match(
				formatCommand(step.commands[0]!),
				/ -e GATEWAY_PUBLIC_URL=https:\/\/hooks\.fibra\.pt /,
			);
			// Production sets no GATEWAY_PUBLIC_URL of its own (it is local-only in .env.example).
			assert.match(
				readFileSync(paths.envExample, 'utf8'),
				/# \[local; [^\]]*\]\nGATEWAY_PUBLIC_URL=\n/,
			);
			assert.doesNotMatch(readFileSync(paths.composeFile, 'utf8'), /\$\{GATEWAY_PUBLIC_URL/);
		});
	});
});
