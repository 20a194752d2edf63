// What compose hands Chatwoot and the gateway for WhatsApp, Messenger and Instagram
// (docs/connect-channels.md): one Meta app, so one id, one secret and one verify token in .env.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUSINESS_CONFIG } from './business-config.ts';
import { interpolate, loadComposeFile, type ComposeService } from './compose.ts';
import { paths, repoRoot } from './paths.ts';

const compose = loadComposeFile();
const envExample = readFileSync(paths.envExample, 'utf8');

const env = {
	META_APP_ID: '1234567890',
	META_APP_SECRET: 'app-secret-0001',
	META_WEBHOOK_VERIFY_TOKEN: 'verify-token-0001',
	META_INSTAGRAM_APP_ID: '9876543210',
	META_INSTAGRAM_APP_SECRET: 'ig-secret-0001',
};

function containerEnv(
	service: ComposeService,
	from: Record<string, string>,
): Record<string, string> {
	const raw = (service.environment ?? {}) as Record<string, unknown>;
	return Object.fromEntries(
		Object.entries(raw).map(([name, value]) => [name, interpolate(String(value), from)]),
	);
}

describe('compose: Meta channels', () => {
	for (const name of ['chatwoot-rails', 'chatwoot-sidekiq']) {
		it(`should give ${name} the Meta app's secret, id and verify token under Chatwoot's names`, () => {
			const got = containerEnv(compose.services[name]!, env);
			assert.deepEqual(
				{
					WHATSAPP_APP_SECRET: got.WHATSAPP_APP_SECRET,
					FB_APP_ID: got.FB_APP_ID,
					FB_APP_SECRET: got.FB_APP_SECRET,
					FB_VERIFY_TOKEN: got.FB_VERIFY_TOKEN,
					IG_VERIFY_TOKEN: got.IG_VERIFY_TOKEN,
					INSTAGRAM_APP_ID: got.INSTAGRAM_APP_ID,
					INSTAGRAM_APP_SECRET: got.INSTAGRAM_APP_SECRET,
					INSTAGRAM_VERIFY_TOKEN: got.INSTAGRAM_VERIFY_TOKEN,
				},
				{
					WHATSAPP_APP_SECRET: 'app-secret-0001',
					FB_APP_ID: '1234567890',
					FB_APP_SECRET: 'app-secret-0001',
					FB_VERIFY_TOKEN: 'verify-token-0001',
					IG_VERIFY_TOKEN: 'verify-token-0001',
					INSTAGRAM_APP_ID: '9876543210',
					INSTAGRAM_APP_SECRET: 'ig-secret-0001',
					INSTAGRAM_VERIFY_TOKEN: 'verify-token-0001',
				},
			);
		});
	}

	it('should leave them empty, not unset, while .env has no Meta app yet', () => {
		const got = containerEnv(compose.services['chatwoot-rails']!, {});
		assert.equal(got.FB_APP_SECRET, '');
		assert.equal(got.FB_VERIFY_TOKEN, '');
		assert.equal(got.FACEBOOK_API_VERSION, 'v23.0');
	});

	it('should document each new .env variable in .env.example', () => {
		for (const name of Object.keys(env)) {
			assert.match(envExample, new RegExp(`^${name}=`, 'm'), name);
		}
	});

	it('should give the gateway the Meta app secret it checks and re-signs with', () => {
		for (const name of ['gateway', 'gateway-2']) {
			const got = containerEnv(compose.services[name]!, env);
			assert.equal(got.META_APP_SECRET, 'app-secret-0001');
			assert.equal(got.META_WEBHOOK_VERIFY_TOKEN, 'verify-token-0001');
		}
	});

	it("should point the gateway's Meta route at the business's config, the one first-start applies", () => {
		const gateway = compose.services.gateway!;
		const workdir = /^WORKDIR\s+(\S+)/m.exec(
			readFileSync(join(repoRoot, 'compose', 'gateway', 'Dockerfile'), 'utf8'),
		)?.[1];
		assert.equal(
			containerEnv(gateway, env).CHATWOOT_CONFIG_FILE,
			`${workdir}/${BUSINESS_CONFIG}`,
			'otherwise the gateway forwards the demo numbers and drops the real ones',
		);
	});
});
