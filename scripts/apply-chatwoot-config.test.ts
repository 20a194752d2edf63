import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { freePorts } from './lib/ports.ts';
import { listen, type RunningServer } from '../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
	type ChatwootSimulator,
} from '../simulators/src/chatwoot/index.ts';

const cli = join(import.meta.dirname, 'apply-chatwoot-config.ts');
const root = join(import.meta.dirname, '..');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

describe('apply-chatwoot-config CLI', () => {
	let sim: ChatwootSimulator;
	let server: RunningServer;

	before(async () => {
		sim = createChatwootSimulator({ simulateWhatsappSend: false });
		server = await listen(sim.app);
	});
	after(() => server?.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	// Empty values count as unset, and keep a developer's .env from filling them in.
	const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
		new Promise<Run>((resolve) => {
			const base = {
				PATH: process.env.PATH,
				HOME: process.env.HOME,
				CHATWOOT_URL: server.url,
				CHATWOOT_API_TOKEN: CHATWOOT_SIM_USER_TOKEN,
				CHATWOOT_ACCOUNT_ID: '',
				GATEWAY_PUBLIC_URL: 'http://127.0.0.1:8080',
				DIRECTUS_URL: '',
				DIRECTUS_ADMIN_TOKEN: '',
				CHATWOOT_BOT_SECRET: '',
				CHATWOOT_WEBHOOK_SECRET: '',
				CHATWOOT_ACCOUNT_WEBHOOK_SECRET: '',
			};
			execFile(
				process.execPath,
				[cli, ...args],
				{ env: { ...base, ...env }, cwd: root },
				(error, stdout, stderr) => {
					resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
				},
			);
		});
	const lines = (output: string) => output.trim().split('\n');
	const writes = () =>
		sim.ctx.log.list().filter((r) => r.method !== 'GET' && r.path.startsWith('/api/'));

	it('should print one line per change, where the secrets go, and no secret', async () => {
		const first = await run([]);
		assert.equal(first.code, 0, first.stderr);
		const output = lines(first.stdout);
		assert.equal(output[0], `chatwoot/config/northwind-fibre.yaml → Chatwoot at ${server.url}`);
		for (const line of [
			'+ label dept-sales',
			'+ custom attribute department (conversation)',
			'~ team "sales" description',
			'~ agent bot "Switchboard Triage" description, outgoing_url',
			'+ account webhook "Switchboard gateway"',
			"Directus: DIRECTUS_URL is not set, so the departments' wiring was not written there.",
			'Agent bot secret: put it into CHATWOOT_BOT_SECRET (.env), where the gateway reads it; --env-file writes it there, --print-secrets shows it.',
		]) {
			assert.ok(output.includes(line), `${line} in\n${first.stdout}`);
		}
		// What the simulator already has (its WhatsApp inboxes) is left as it is.
		assert.ok(
			output.some((line) => /^= [1-9]\d* unchanged$/.test(line)),
			first.stdout,
		);
		const webhookSecret = sim.state.webhooks.all()[0]?.secret ?? '';
		assert.ok(webhookSecret.length > 0);
		assert.ok(!first.stdout.includes(CHATWOOT_SIM_BOT_SECRET));
		assert.ok(!first.stdout.includes(CHATWOOT_SIM_BOT_TOKEN));
		assert.ok(!first.stdout.includes(webhookSecret));
	});

	it('should change nothing the second time, and notice the secret already in place', async () => {
		await run([]);
		sim.ctx.log.clear();
		const second = await run([], { CHATWOOT_BOT_SECRET: CHATWOOT_SIM_BOT_SECRET });
		assert.equal(second.code, 0, second.stderr);
		const said = lines(second.stdout);
		// Everything is in place already: no line adds (+) or changes (~) anything.
		assert.match(said[1] ?? '', /^= \d+ unchanged$/);
		assert.deepEqual(
			said.filter((line) => /^[+~] /.test(line)),
			[],
		);
		assert.ok(
			said.includes(
				"Directus: DIRECTUS_URL is not set, so the departments' wiring was not written there.",
			),
		);
		// The one setting Chatwoot's API cannot take is handed to the operator every time.
		assert.ok(said.some((line) => line.includes('keep_pending_on_bot_failure: true')));
		assert.ok(
			lines(second.stdout).includes('Agent bot secret: CHATWOOT_BOT_SECRET already holds it.'),
		);
		assert.deepEqual(writes(), []);
	});

	it('should print the secrets as variables with --print-secrets', async () => {
		const result = await run(['--print-secrets']);
		const webhookSecret = sim.state.webhooks.all()[0]?.secret;
		assert.ok(lines(result.stdout).includes(`CHATWOOT_BOT_SECRET=${CHATWOOT_SIM_BOT_SECRET}`));
		assert.ok(lines(result.stdout).includes(`CHATWOOT_BOT_TOKEN=${CHATWOOT_SIM_BOT_TOKEN}`));
		assert.ok(lines(result.stdout).includes(`CHATWOOT_ACCOUNT_WEBHOOK_SECRET=${webhookSecret}`));
	});

	it('should write the secrets Chatwoot made into --env-file, keeping its comments and order, printing none', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sb-apply-env-'));
		try {
			const envFile = join(dir, '.env');
			const before = [
				'# The agent bot signs its webhooks with this.',
				'CHATWOOT_BOT_SECRET=',
				'LOG_LEVEL=info',
				'# n8n replies as the bot with this.',
				'CHATWOOT_BOT_TOKEN=stale-token',
				'',
			].join('\n');
			writeFileSync(envFile, before);
			const first = await run(['--env-file', envFile]);
			assert.equal(first.code, 0, first.stderr);
			const webhookSecret = sim.state.webhooks.all()[0]?.secret ?? '';
			assert.equal(
				readFileSync(envFile, 'utf8'),
				[
					'# The agent bot signs its webhooks with this.',
					`CHATWOOT_BOT_SECRET=${CHATWOOT_SIM_BOT_SECRET}`,
					'LOG_LEVEL=info',
					'# n8n replies as the bot with this.',
					`CHATWOOT_BOT_TOKEN=${CHATWOOT_SIM_BOT_TOKEN}`,
					`CHATWOOT_ACCOUNT_WEBHOOK_SECRET=${webhookSecret}`,
					'',
				].join('\n'),
			);
			for (const variable of [
				'CHATWOOT_BOT_SECRET',
				'CHATWOOT_BOT_TOKEN',
				'CHATWOOT_ACCOUNT_WEBHOOK_SECRET',
			]) {
				assert.match(first.stdout, new RegExp(`: written to ${variable} in `));
			}
			for (const secret of [CHATWOOT_SIM_BOT_SECRET, CHATWOOT_SIM_BOT_TOKEN, webhookSecret]) {
				assert.ok(!first.stdout.includes(secret));
			}
			const second = await run(['--env-file', envFile]);
			assert.match(second.stdout, /Agent bot secret: CHATWOOT_BOT_SECRET in .* already holds it\./);
			assert.doesNotMatch(second.stdout, /written to/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('should warn when CHATWOOT_WEBHOOK_SECRET would hide the new bot secret from the gateway', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sb-apply-env-'));
		try {
			const envFile = join(dir, '.env');
			writeFileSync(envFile, 'CHATWOOT_WEBHOOK_SECRET=older-secret\n');
			const result = await run(['--env-file', envFile]);
			assert.match(result.stdout, /CHATWOOT_WEBHOOK_SECRET in .* is set and lacks it/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('should only say what would change with --dry-run', async () => {
		const result = await run(['--dry-run']);
		assert.equal(result.code, 0, result.stderr);
		assert.match(lines(result.stdout)[0] ?? '', /^Dry run \(nothing is changed\): /);
		assert.ok(lines(result.stdout).includes('+ label dept-sales'));
		assert.deepEqual(writes(), []);
	});

	it('should exit 2 with the usage for bad arguments', async () => {
		for (const args of [['--bogus'], ['--config'], ['extra']]) {
			const result = await run(args);
			assert.equal(result.code, 2, args.join(' '));
			assert.match(result.stderr, /Usage: node scripts\/apply-chatwoot-config\.ts/);
		}
	});

	it('should exit 1 with a clear message for a missing file or an unset variable', async () => {
		const missing = await run(['--config', 'chatwoot/config/nope.yaml']);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /chatwoot\/config\/nope\.yaml is not valid:\n {2}no such file/);
		const unset = await run([], { GATEWAY_PUBLIC_URL: '' });
		assert.equal(unset.code, 1);
		assert.match(
			unset.stderr,
			/agent_bot\.outgoing_url: needs the environment variable GATEWAY_PUBLIC_URL, which is not set/,
		);
		assert.deepEqual(writes(), []);
	});

	it("should exit 1 for an agent's token and for a Chatwoot that does not answer", async () => {
		const agent = await run([], { CHATWOOT_API_TOKEN: CHATWOOT_SIM_AGENTS.sales.token });
		assert.equal(agent.code, 1);
		assert.match(agent.stderr, /the access token is not an administrator's/);
		const [closed] = await freePorts(1);
		const down = await run([], { CHATWOOT_URL: `http://127.0.0.1:${closed}` });
		assert.equal(down.code, 1);
		assert.match(down.stderr, /Chatwoot refused the connection/);
	});
});
