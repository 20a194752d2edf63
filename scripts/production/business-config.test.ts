// Production applies the business's own Chatwoot config: the template is complete, the demo and an
// unfilled copy are refused, and first-start refuses before any command runs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadChatwootConfig } from '@switchboard/glue/chatwoot/config';
import {
	BUSINESS_CONFIG,
	BUSINESS_TEMPLATE,
	checkBusinessConfig,
	DEMO_CONFIG,
	isMadeUpNumber,
} from './business-config.ts';
import { paths, repoRoot } from './paths.ts';
import { ensureSecrets } from './secrets.ts';

const run = promisify(execFile);
const env = { GATEWAY_PUBLIC_HOST: 'hooks.shop.example.org' };

/** A scratch "repository root" holding only chatwoot/config/business.yaml, with `text`. */
function rootWith(dir: string, text: string | null): string {
	const root = mkdtempSync(join(dir, 'root-'));
	mkdirSync(join(root, 'chatwoot', 'config'), { recursive: true });
	if (text !== null) writeFileSync(join(root, BUSINESS_CONFIG), text);
	return root;
}

const template = readFileSync(join(repoRoot, BUSINESS_TEMPLATE), 'utf8');
/** The template as an operator fills it in: real-looking numbers and ids. */
const filledIn = template
	.replace("'+15550000101'", "'+351912000101'")
	.replace("'1555000000101'", "'106540352242101'")
	.replace("'+15550000102'", "'+351912000102'")
	.replace("'1555000000102'", "'106540352242102'");

describe('business-config.ts', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-business-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('the template should be a valid config whose every number is a made-up placeholder', () => {
		const config = loadChatwootConfig(join(repoRoot, BUSINESS_TEMPLATE), {
			GATEWAY_PUBLIC_URL: 'https://hooks.shop.example.org',
		});
		const numbers = config.departments.flatMap((d) => d.whatsapp.map((w) => w.number));
		assert.ok(numbers.length > 0);
		assert.ok(numbers.every(isMadeUpNumber), numbers.join(', '));
	});

	it('the demo should say it is the demo, and never be what production applies', () => {
		assert.match(readFileSync(join(repoRoot, DEMO_CONFIG), 'utf8'), /^# DEMO:/);
		assert.notEqual(BUSINESS_CONFIG, DEMO_CONFIG);
	});

	it('should say to copy the template when business.yaml does not exist', () => {
		const check = checkBusinessConfig(rootWith(dir, null), env);
		assert.equal(check.ok, false);
		assert.match(
			check.ok ? '' : check.problem,
			/^chatwoot\/config\/business\.yaml does not exist: copy chatwoot\/config\/business\.template\.yaml to it/,
		);
	});

	it('should refuse an unfilled copy of the template, naming each made-up number', () => {
		const check = checkBusinessConfig(rootWith(dir, template), env);
		assert.equal(check.ok, false);
		assert.match(
			check.ok ? '' : check.problem,
			/still has made-up \+1 555 numbers: \+15550000101 \(sales\), \+15550000102 \(support\)\. Put your WhatsApp numbers/,
		);
	});

	it("should refuse the demo's numbers copied in", () => {
		const demo = readFileSync(join(repoRoot, DEMO_CONFIG), 'utf8');
		const check = checkBusinessConfig(rootWith(dir, demo), env);
		assert.match(check.ok ? '' : check.problem, /\+15550000001 \(sales\)/);
	});

	it('should say in one line what is invalid', () => {
		const check = checkBusinessConfig(
			rootWith(dir, filledIn.replace("'+351912000102'", "'351912'")),
			env,
		);
		assert.match(
			check.ok ? '' : check.problem,
			/^chatwoot\/config\/business\.yaml is not valid: departments\[1\]\.whatsapp\[0\]\.number: an E\.164 number/,
		);
		assert.doesNotMatch(check.ok ? '' : check.problem, /\n/);
	});

	it('should accept the template filled in', () => {
		const check = checkBusinessConfig(rootWith(dir, filledIn), env);
		assert.equal(check.ok, true, check.ok ? '' : check.problem);
	});

	describe('first-start.ts', () => {
		const envFile = join(dir, '.env');
		ensureSecrets({ envFile, exampleFile: paths.envExample });
		// A filled-in .env: each of these replaces .env.example's line.
		const values: Record<string, string> = {
			PUBLIC_DOMAIN: 'shop.fibra.pt',
			PANGOLIN_PUBLIC_HOST: 'pangolin.shop.fibra.pt',
			CHATWOOT_PUBLIC_HOST: 'chat.shop.fibra.pt',
			N8N_PUBLIC_HOST: 'n8n.shop.fibra.pt',
			DIRECTUS_PUBLIC_HOST: 'cms.shop.fibra.pt',
			GATEWAY_PUBLIC_HOST: 'hooks.shop.fibra.pt',
			SWITCHBOARD_ADMIN_EMAIL: 'ops@shop.fibra.pt',
			ACME_EMAIL: 'ops@shop.fibra.pt',
			CHATWOOT_API_TOKEN: 'admin-token',
		};
		let text = readFileSync(envFile, 'utf8');
		for (const [name, value] of Object.entries(values)) {
			text = new RegExp(`^${name}=.*$`, 'm').test(text)
				? text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`)
				: `${text}\n${name}=${value}\n`;
		}
		writeFileSync(envFile, text);
		const script = join(import.meta.dirname, 'first-start.ts');

		it('should refuse to apply the Chatwoot config before anything runs while business.yaml is missing', async (t) => {
			if (checkBusinessConfig(repoRoot, env).ok)
				return t.skip('this checkout has its own business.yaml');
			await assert.rejects(
				run(process.execPath, [script, '--only=chatwoot-config', '--dotenv', envFile]),
				(error: Error & { code: number; stdout: string; stderr: string }) => {
					assert.equal(error.code, 1);
					assert.equal(
						error.stderr.trim(),
						'switchboard: chatwoot/config/business.yaml does not exist: copy chatwoot/config/business.template.yaml to it and put in your departments, WhatsApp numbers and phone-number ids (chatwoot/config/northwind-fibre.yaml is the local demo, never applied in production).',
					);
					assert.doesNotMatch(error.stdout, /\[1\/\d+\]/, 'no step ran');
					return true;
				},
			);
		});

		it('should name it in a dry run, and apply business.yaml, never the demo, writing the secrets into .env', async () => {
			const { stdout } = await run(process.execPath, [
				script,
				'--dry-run',
				'--only=chatwoot-config',
				'--dotenv',
				envFile,
			]);
			assert.match(stdout, /^\(dry run\) chatwoot\/config\/business\.yaml/m);
			assert.match(
				stdout,
				/ -v \S+\.env:\/run\/switchboard\.env --user \d+:\d+ .*gateway node scripts\/apply-chatwoot-config\.ts --config chatwoot\/config\/business\.yaml --env-file \/run\/switchboard\.env$/m,
			);
		});
	});
});
