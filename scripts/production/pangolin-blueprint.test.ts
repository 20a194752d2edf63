// The Pangolin blueprint, rendered as first-start renders it, must leave no admin UI without SSO and
// open only the webhook paths; its targets must be services Newt can reach.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { GATEWAY_REPLICAS, loadComposeFile } from './compose.ts';
import { parseEnvText } from './env-file.ts';
import { blueprintSchema, evaluateAccess, type Blueprint } from './pangolin-access.ts';
import { paths } from './paths.ts';
import { requiredSettings } from './settings.ts';
import { renderTemplates, templateVariables } from './templates.ts';

const hosts = {
	PUBLIC_DOMAIN: 'shop.example.org',
	PANGOLIN_PUBLIC_HOST: 'pangolin.shop.example.org',
	CHATWOOT_PUBLIC_HOST: 'chat.shop.example.org',
	N8N_PUBLIC_HOST: 'n8n.shop.example.org',
	DIRECTUS_PUBLIC_HOST: 'cms.shop.example.org',
	GATEWAY_PUBLIC_HOST: 'hooks.shop.example.org',
	ACME_EMAIL: 'ops@shop.example.org',
};

// The only paths anyone may reach without SSO, per resource (reference/chatwoot.md §4, pangolin.md §1.4).
const openPaths: Record<string, string[]> = {
	chatwoot: [
		'/webhooks/instagram',
		'/bot',
		'/bot?hub.mode=subscribe',
		// Meta fetches outgoing attachments from these signed URLs (Chatwoot's data_url, then the
		// local disk service it redirects to).
		'/rails/active_storage/blobs/redirect/eyJfcmFpbHMiOnsiZGF0YSI6MX19--2f1e/photo.jpg',
		'/rails/active_storage/representations/redirect/eyJfcmFpbHMi--ab12/eyJfcmFpbHMi--cd34/photo.png',
		'/rails/active_storage/disk/eyJfcmFpbHMiOnsiZGF0YSI6eyJrZXkiOiJ4In19fQ==--9a8b/photo.jpg',
	],
	// Meta's WhatsApp callback: the handshake (GET) and the webhooks (POST).
	'webhook-gateway': [
		'/webhooks/chatwoot',
		'/webhooks/meta',
		'/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x',
	],
	n8n: [],
	directus: [],
};

// Admin screens and APIs that must stay behind SSO (or be dropped).
const adminPaths: Record<string, string[]> = {
	chatwoot: [
		'/',
		'/app/login',
		'/app/accounts/1/dashboard',
		'/api/v1/accounts/1/conversations',
		'/super_admin',
		'/cable',
		'/rails/active_storage/x',
		'/rails/active_storage/direct_uploads',
		'/rails/active_storage/blobs/redirect/../../direct_uploads',
		'/rails/conductor/action_mailbox/inbound_emails',
		'/bot/admin',
		'/webhooks/telegram/x',
		// WhatsApp reaches Chatwoot only through the gateway, inside the stack.
		'/webhooks/whatsapp/+15550000001',
		'/webhooks/whatsapp/+15550000001?hub.challenge=1',
	],
	n8n: [
		'/',
		'/signin',
		'/rest/login',
		'/api/v1/workflows',
		'/webhook/inbound',
		'/webhook-test/x',
		'/healthz',
	],
	directus: [
		'/',
		'/admin',
		'/admin/content/faq',
		'/items/faq',
		'/auth/login',
		'/server/info',
		'/server/ping',
		'/flows/trigger/x',
	],
	'webhook-gateway': [
		'/',
		'/healthz',
		'/admin',
		'/webhooks/other',
		'/webhooks/chatwoot/../../admin',
		'/webhooks/meta/../../admin',
		'/webhooks/metadata',
	],
};

describe('pangolin blueprint', () => {
	const out = mkdtempSync(join(tmpdir(), 'sb-pangolin-'));
	let blueprint: Blueprint;
	before(() => {
		renderTemplates({ templatesDir: paths.pangolinTemplates, outputDir: out, env: hosts });
		blueprint = blueprintSchema.parse(parse(readFileSync(join(out, 'blueprint.yaml'), 'utf8')));
	});
	after(() => rmSync(out, { recursive: true, force: true }));

	it('should define the four resources on the configured host names', () => {
		const resources = blueprint['public-resources'];
		assert.deepEqual(Object.keys(resources).sort(), [
			'chatwoot',
			'directus',
			'n8n',
			'webhook-gateway',
		]);
		assert.equal(resources.chatwoot!['full-domain'], hosts.CHATWOOT_PUBLIC_HOST);
		assert.equal(resources.n8n!['full-domain'], hosts.N8N_PUBLIC_HOST);
		assert.equal(resources.directus!['full-domain'], hosts.DIRECTUS_PUBLIC_HOST);
		assert.equal(resources['webhook-gateway']!['full-domain'], hosts.GATEWAY_PUBLIC_HOST);
	});

	it('should turn SSO on explicitly for every resource, with org roles other than Admin', () => {
		for (const [key, resource] of Object.entries(blueprint['public-resources'])) {
			assert.equal(
				resource.auth?.['sso-enabled'],
				true,
				`${key}: blueprints default sso-enabled to false`,
			);
			const roles = resource.auth?.['sso-roles'] ?? [];
			assert.ok(roles.length > 0, key);
			assert.ok(!roles.includes('Admin'), `${key}: Pangolin refuses Admin in sso-roles`);
		}
	});

	it('should bypass SSO only with path rules, never by ip, cidr, country or asn', () => {
		for (const [key, resource] of Object.entries(blueprint['public-resources'])) {
			for (const rule of resource.rules ?? [])
				assert.equal(rule.match, 'path', `${key}: ${rule.value}`);
		}
	});

	it('should keep every admin path behind SSO or drop it', () => {
		for (const [key, paths] of Object.entries(adminPaths)) {
			const resource = blueprint['public-resources'][key]!;
			for (const path of paths) {
				const { outcome } = evaluateAccess(resource, path);
				assert.ok(outcome === 'auth' || outcome === 'deny', `${key} ${path} → ${outcome}`);
			}
		}
	});

	it('should let the webhook paths through without SSO', () => {
		for (const [key, paths] of Object.entries(openPaths)) {
			for (const path of paths) {
				assert.equal(
					evaluateAccess(blueprint['public-resources'][key]!, path).outcome,
					'allow',
					`${key} ${path}`,
				);
			}
		}
	});

	it('should allow nothing beyond the webhook paths listed here', () => {
		for (const [key, resource] of Object.entries(blueprint['public-resources'])) {
			const allowRules = (resource.rules ?? []).filter((rule) => rule.action === 'allow');
			for (const rule of allowRules) {
				const listed = openPaths[key]!.some(
					(path) => evaluateAccess({ ...resource, rules: [rule] }, path).outcome === 'allow',
				);
				assert.ok(listed, `${key}: allow ${rule.value} opens a path this test does not list`);
			}
		}
	});

	it('should deny everything else on the gateway with its lowest-precedence rule', () => {
		const rules = blueprint['public-resources']['webhook-gateway']!.rules ?? [];
		const last = [...rules].sort((a, b) => (a.priority ?? 100) - (b.priority ?? 100)).at(-1)!;
		assert.deepEqual({ action: last.action, value: last.value }, { action: 'deny', value: '*' });
	});

	it('should target compose services on the network Newt joins, with a health check each', () => {
		const compose = loadComposeFile();
		const newtNetworks = compose.services.newt!.networks as string[];
		for (const [key, resource] of Object.entries(blueprint['public-resources'])) {
			for (const target of resource.targets) {
				const service = compose.services[target.hostname];
				assert.ok(service, `${key} → ${target.hostname} is not a compose service`);
				assert.ok(
					(service.networks as string[]).some((n) => newtNetworks.includes(n)),
					`${key}: Newt cannot reach ${target.hostname}`,
				);
				assert.equal(target.healthcheck?.hostname, target.hostname, key);
				assert.equal(target.healthcheck?.port, target.port, key);
			}
		}
	});

	it('should only use template variables that .env.example lists and first-start requires', () => {
		const envExample = parseEnvText(readFileSync(paths.envExample, 'utf8'));
		for (const file of [
			'blueprint.yaml',
			'config.yml',
			'traefik/traefik_config.yml',
			'traefik/dynamic_config.yml',
		]) {
			for (const name of templateVariables(
				readFileSync(join(paths.pangolinTemplates, file), 'utf8'),
			)) {
				assert.ok(name in envExample, `${file}: ${name} not in .env.example`);
				assert.ok(
					(requiredSettings as readonly string[]).includes(name),
					`${file}: ${name} not required`,
				);
			}
		}
	});

	it('should balance the gateway webhook over every replica, dropping a dead one within seconds', () => {
		const targets = blueprint['public-resources']['webhook-gateway']!.targets;
		assert.deepEqual(
			targets.map((t) => t.hostname),
			[...GATEWAY_REPLICAS],
		);
		for (const target of targets) {
			const check = target.healthcheck as { interval?: number; timeout?: number } | undefined;
			// Pangolin's default is 30 s: half a minute of webhooks to a dead replica.
			assert.ok((check?.interval ?? 30) <= 10, `${target.hostname}: interval ${check?.interval}`);
			assert.ok((check?.timeout ?? 5) < (check?.interval ?? 30), target.hostname);
		}
	});

	it('should retry a webhook that got no response on the next target, through every resource router', () => {
		const config = parse(readFileSync(join(out, 'config.yml'), 'utf8')) as {
			traefik?: { additional_middlewares?: string[] };
		};
		const middlewares = config.traefik?.additional_middlewares ?? [];
		const retry = middlewares.find((name) => name.endsWith('@file'));
		assert.ok(retry, 'a file-provider middleware on every router');
		const dynamic = parse(readFileSync(join(out, 'traefik', 'dynamic_config.yml'), 'utf8')) as {
			http: { middlewares: Record<string, { retry?: { attempts: number } }> };
		};
		const defined = dynamic.http.middlewares[retry.replace(/@file$/, '')];
		assert.ok(defined?.retry, `${retry} is not a retry middleware`);
		// At least one more attempt than there are replicas that can be down at once (one).
		assert.ok(defined.retry.attempts >= 2);
	});

	it('should render a Pangolin config with the dashboard URL, the domain and no secret', () => {
		const config = parse(readFileSync(join(out, 'config.yml'), 'utf8')) as {
			app: { dashboard_url: string };
			domains: Record<string, { base_domain: string }>;
			server: Record<string, unknown>;
		};
		assert.equal(config.app.dashboard_url, `https://${hosts.PANGOLIN_PUBLIC_HOST}`);
		assert.equal(config.domains.domain1!.base_domain, hosts.PUBLIC_DOMAIN);
		assert.equal(config.server.secret, undefined, 'the secret comes from SERVER_SECRET');
		const traefik = parse(readFileSync(join(out, 'traefik', 'traefik_config.yml'), 'utf8')) as {
			certificatesResolvers: { letsencrypt: { acme: { email: string } } };
		};
		assert.equal(traefik.certificatesResolvers.letsencrypt.acme.email, hosts.ACME_EMAIL);
	});
});
