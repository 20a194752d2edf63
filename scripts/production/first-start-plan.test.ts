import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
	appendFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CREDENTIALS } from '../lib/n8n-provision.ts';
import { formatCommand } from './command.ts';
import { defaultProject } from './compose.ts';
import { parseEnvText } from './env-file.ts';
import { chatwootRailsRunner, readWorkflowSources } from './first-start-inputs.ts';
import { firstStartPlan, type FirstStartInputs } from './first-start-plan.ts';
import { paths } from './paths.ts';
import { composeTarget } from './postgres-target.ts';
import { ensureSecrets } from './secrets.ts';

const run = promisify(execFile);

const inputs = (overrides: Partial<FirstStartInputs> = {}): FirstStartInputs => ({
	project: defaultProject,
	env: {
		PANGOLIN_PUBLIC_HOST: 'pangolin.shop.example.org',
		CHATWOOT_PUBLIC_HOST: 'chat.shop.example.org',
		GATEWAY_PUBLIC_HOST: 'hooks.shop.example.org',
		DIRECTUS_ADMIN_TOKEN: 'admin-token-value',
		DIRECTUS_AUTOMATION_TOKEN: 'automation-token-value',
	},
	workflows: readWorkflowSources(paths.n8nWorkflows),
	postgres: composeTarget(defaultProject),
	directusSetupScript: 'scripts/directus-setup.ts',
	chatwootApplyScript: 'scripts/apply-chatwoot-config.ts',
	chatwootConfigFile: 'chatwoot/config/business.yaml',
	localNode: 'node',
	...overrides,
});

/** What the n8n credentials read from .env, besides the Directus tokens in `inputs`. */
const credentialEnv: Record<string, string> = {
	CHATWOOT_BOT_TOKEN: 'bot-access-token-value',
	ANTHROPIC_API_KEY: 'sk-ant-api-key-value',
	ANTHROPIC_MODEL: 'claude-sonnet-4-5',
	ANTHROPIC_PRICE_INPUT: '3',
	ANTHROPIC_PRICE_OUTPUT: '15',
	DIRECTUS_DB_PASSWORD: 'directus-db-password-value',
	GATEWAY_FORWARD_SECRET: 'gateway-forward-secret-value',
	SWITCHBOARD_PROMOTION_WEBHOOK_SECRET: 'promotion-secret-value',
	META_PAGE_ACCESS_TOKEN: 'meta-page-token-value',
	META_PAGE_ID: '109876543210987',
	SMTP_ADDRESS: 'smtp.example.org',
	SMTP_PASSWORD: 'smtp-password-value',
	GOOGLE_CALENDAR_CLIENT_ID: 'google-client-id.apps.googleusercontent.com',
	GOOGLE_CALENDAR_CLIENT_SECRET: 'google-client-secret-value',
	GOOGLE_CALENDAR_REFRESH_TOKEN: 'google-refresh-token-value',
};

const lines = (plan: ReturnType<typeof firstStartPlan>, step: string) =>
	plan.find((s) => s.name === step)!.commands.map(formatCommand);

const ids = (dir: string) => readWorkflowSources(dir).map((w) => w.id);

const DC = 'docker compose --env-file .env -f compose/docker-compose.yml';

describe('first-start', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-first-start-'));
	after(() => rmSync(dir, { recursive: true, force: true }));

	describe('firstStartPlan', () => {
		it('should prepare the datastores and databases before anything that uses them', () => {
			const names = firstStartPlan(inputs()).map((step) => step.name);
			assert.deepEqual(names, [
				'build',
				'datastores',
				'chatwoot-db',
				'directus',
				'log-store',
				'directus-config',
				'n8n',
				'start',
				'chatwoot-config',
				'health',
			]);
			assert.deepEqual(lines(firstStartPlan(inputs()), 'datastores'), [
				`${DC} up -d --wait postgres redis`,
			]);
			assert.deepEqual(lines(firstStartPlan(inputs()), 'chatwoot-db'), [
				`${DC} run --rm chatwoot-rails bundle exec rails db:chatwoot_prepare`,
			]);
		});

		it('should create our tables, then apply schema, access, dashboards and flows through the setup script', () => {
			const plan = firstStartPlan(inputs());
			assert.deepEqual(lines(plan, 'directus'), [`${DC} up -d --wait directus`]);
			assert.deepEqual(lines(plan, 'log-store'), [
				`${DC} run --rm gateway node scripts/production/migrate-log-store.ts`,
			]);
			const scriptEnv =
				'-e DIRECTUS_URL=http://directus:8055 -e DIRECTUS_DATABASE=directus -e DIRECTUS_ADMIN_TOKEN -e DIRECTUS_AUTOMATION_TOKEN';
			assert.deepEqual(lines(plan, 'directus-config'), [
				`DIRECTUS_ADMIN_TOKEN=*** DIRECTUS_AUTOMATION_TOKEN=*** ${DC} run --rm ${scriptEnv} gateway node scripts/directus-setup.ts schema`,
				`DIRECTUS_ADMIN_TOKEN=*** DIRECTUS_AUTOMATION_TOKEN=*** ${DC} run --rm ${scriptEnv} gateway node scripts/directus-setup.ts access`,
				`DIRECTUS_ADMIN_TOKEN=*** DIRECTUS_AUTOMATION_TOKEN=*** ${DC} run --rm ${scriptEnv} gateway node scripts/directus-setup.ts dashboards`,
				`DIRECTUS_ADMIN_TOKEN=*** DIRECTUS_AUTOMATION_TOKEN=*** ${DC} run --rm ${scriptEnv} gateway node scripts/directus-setup.ts flows`,
			]);
			// The tokens reach `docker compose run` through its environment, by name only.
			const access = plan.find((s) => s.name === 'directus-config')!.commands[1]!;
			assert.deepEqual(access.env, {
				DIRECTUS_ADMIN_TOKEN: 'admin-token-value',
				DIRECTUS_AUTOMATION_TOKEN: 'automation-token-value',
			});
			assert.ok(!access.args.join(' ').includes('token-value'));
			const none = firstStartPlan(inputs({ directusSetupScript: null })).find(
				(s) => s.name === 'directus-config',
			)!;
			assert.deepEqual(none.commands, []);
			assert.match(none.notes![0]!, /No Directus setup script/);
		});

		it('should import the credentials, then hand the workflows to the sync (n8n-workflows.ts)', () => {
			const env = { ...inputs().env, ...credentialEnv };
			const plan = firstStartPlan(inputs({ env }));
			// Through the image's entrypoint, as n8n itself starts (owner hash, pruning), on a free
			// task-broker port.
			const cli = `${DC} exec -T -e N8N_RUNNERS_BROKER_PORT=0 n8n`;
			const entry = '/usr/local/bin/switchboard-entrypoint.sh';
			const importLine = `${cli} sh -c 'umask 077; cat > /tmp/sb-credentials.json && ${entry} import:credentials --input=/tmp/sb-credentials.json; status=$?; rm -f /tmp/sb-credentials.json; exit $status'`;
			assert.deepEqual(lines(plan, 'n8n'), [
				`${DC} up -d --wait n8n`,
				`${importLine} <<< (credentials JSON: ${Object.values(CREDENTIALS)
					.map((c) => c.name)
					.join(', ')})`,
			]);
			const step = plan.find((s) => s.name === 'n8n')!;
			assert.deepEqual(
				step.workflows?.workflows.map((w) => w.id),
				readWorkflowSources(paths.n8nWorkflows).map((w) => w.id),
			);
			// The secrets go to n8n on standard input only: not in arguments, environment or notes.
			const importCommand = step.commands[1]!;
			const records = JSON.parse(importCommand.stdin!.text) as Array<{ id: string }>;
			assert.deepEqual(
				records.map((r) => r.id),
				Object.values(CREDENTIALS).map((c) => c.id),
			);
			const shown = JSON.stringify([importCommand.args, importCommand.env, step.notes]);
			for (const secret of Object.values(credentialEnv).filter((v) => v.length > 8)) {
				assert.ok(!shown.includes(secret), `${secret} shown`);
			}
			assert.deepEqual(step.notes, [], 'nothing left to create by hand');
			const bare = firstStartPlan(inputs({ env, workflows: [] })).find((s) => s.name === 'n8n')!;
			assert.equal(bare.workflows, undefined);
			assert.deepEqual(lines(firstStartPlan(inputs({ env, workflows: [] })), 'n8n'), [
				`${DC} up -d --wait n8n`,
				`${importLine} <<< (credentials JSON: ${Object.values(CREDENTIALS)
					.map((c) => c.name)
					.join(', ')})`,
			]);
		});

		it('should import the credentials it has values for and name the variables the others need', () => {
			const env = {
				...inputs().env,
				...credentialEnv,
				META_PAGE_ACCESS_TOKEN: '',
				META_PAGE_ID: '',
			};
			const step = firstStartPlan(inputs({ env })).find((s) => s.name === 'n8n')!;
			assert.doesNotMatch(step.commands[1]!.stdin!.label, /Meta/);
			assert.match(step.commands[1]!.stdin!.label, /Claude, Directus \(automation token\)/);
			assert.equal(step.notes!.length, 1);
			assert.match(
				step.notes![0]!,
				/^n8n credential "Meta Graph API \(Page\)" skipped: set META_PAGE_ACCESS_TOKEN, META_PAGE_ID in \.env .*--only=n8n/,
			);
			// Before Chatwoot exists there is no bot token: the chatwoot-config step prints it.
			const early = firstStartPlan(inputs({ env: { ...env, CHATWOOT_BOT_TOKEN: '' } }));
			assert.match(
				early.find((s) => s.name === 'n8n')!.notes![0]!,
				/"Chatwoot \(Switchboard bot\)" skipped: set CHATWOOT_BOT_TOKEN in \.env \(the chatwoot-config step prints CHATWOOT_BOT_TOKEN=…/,
			);
			// Nothing to import: no import command, one note per credential.
			const none = firstStartPlan(inputs({ env: {} })).find((s) => s.name === 'n8n')!;
			assert.ok(!none.commands.some((c) => c.stdin));
			assert.equal(none.notes!.length, Object.keys(CREDENTIALS).length);
		});

		it('should keep Newt and the gateway at zero until .env has what they need, and say how to get it', () => {
			const waiting = firstStartPlan(inputs()).find((s) => s.name === 'start')!;
			assert.deepEqual(waiting.commands.map(formatCommand), [
				`${DC} up -d --wait --scale n8n-worker-2=0 --scale n8n-worker-2-runners=0 --scale newt=0 --scale gateway=0 --scale gateway-2=0`,
			]);
			assert.match(
				waiting.notes![0]!,
				/https:\/\/pangolin\.shop\.example\.org\/auth\/initial-setup/,
			);
			assert.match(
				waiting.notes![1]!,
				/gateway waits for CHATWOOT_API_TOKEN and CHATWOOT_BOT_SECRET/,
			);
			const ready = firstStartPlan(
				inputs({
					env: {
						NEWT_ID: 'id',
						NEWT_SECRET: 's',
						N8N_WORKERS: '2',
						CHATWOOT_API_TOKEN: 't',
						CHATWOOT_BOT_SECRET: 'bot-secret-1',
					},
				}),
			);
			assert.deepEqual(lines(ready, 'start'), [`${DC} up -d --wait`]);
			assert.deepEqual(ready.find((s) => s.name === 'start')!.notes, []);
		});

		it('should apply the Chatwoot config once there is a token and a script, and ask for the bot secret', () => {
			assert.deepEqual(lines(firstStartPlan(inputs()), 'chatwoot-config'), []);
			assert.match(
				firstStartPlan(inputs()).find((s) => s.name === 'chatwoot-config')!.notes![0]!,
				/copy its access token into CHATWOOT_API_TOKEN/,
			);
			const ready = firstStartPlan(inputs({ env: { ...inputs().env, CHATWOOT_API_TOKEN: 't' } }));
			assert.deepEqual(lines(ready, 'chatwoot-config'), [
				`DIRECTUS_ADMIN_TOKEN=*** ${DC} run --rm -e GATEWAY_PUBLIC_URL=https://hooks.shop.example.org -e DIRECTUS_URL=http://directus:8055 -e DIRECTUS_ADMIN_TOKEN gateway node scripts/apply-chatwoot-config.ts --config chatwoot/config/business.yaml --print-secrets`,
			]);
			const step = ready.find((s) => s.name === 'chatwoot-config')!;
			assert.match(
				step.notes![0]!,
				/CHATWOOT_BOT_SECRET=…, its access token as CHATWOOT_BOT_TOKEN=… .*put those lines into \.env, then run this again with --only=n8n,start/,
			);
		});
	});

	describe('chatwoot-config step', () => {
		it("should set keep_pending_on_bot_failure through Chatwoot's Rails runner, checked, after the apply", () => {
			const runner = chatwootRailsRunner(parseEnvText('GATEWAY_PUBLIC_HOST=hooks.example.org\n'));
			const ready = firstStartPlan(
				inputs({ env: { ...inputs().env, CHATWOOT_API_TOKEN: 't' }, chatwootRailsRunner: runner }),
			);
			const [apply, rails, ...rest] = lines(ready, 'chatwoot-config');
			assert.match(
				apply ?? '',
				/apply-chatwoot-config\.ts --config chatwoot\/config\/business\.yaml --print-secrets$/,
			);
			assert.deepEqual(rest, []);
			assert.equal(
				rails,
				`${DC} exec -T chatwoot-rails bundle exec rails runner 'account = Account.find(1); ` +
					'account.update!(keep_pending_on_bot_failure: true); value = ActiveModel::Type::Boolean.' +
					'new.cast(Account.find(1).keep_pending_on_bot_failure) == true; abort("Chatwoot account ' +
					'1: keep_pending_on_bot_failure is #{value}, not true") unless value == true; puts ' +
					`"Chatwoot account 1: keep_pending_on_bot_failure=#{value}"'`,
			);
		});

		it("should write Chatwoot's secrets into the mounted .env as its owner, when the owner is known", () => {
			const ready = firstStartPlan(
				inputs({
					env: { ...inputs().env, CHATWOOT_API_TOKEN: 't' },
					project: { ...inputs().project, root: '/srv/switchboard', envFile: '.env' },
					envFileOwner: { uid: 1001, gid: 1002 },
				}),
			);
			const [apply] = lines(ready, 'chatwoot-config');
			assert.match(
				apply ?? '',
				/ run --rm -v \/srv\/switchboard\/\.env:\/run\/switchboard\.env --user 1001:1002 .* gateway node scripts\/apply-chatwoot-config\.ts --config chatwoot\/config\/business\.yaml --env-file \/run\/switchboard\.env$/,
			);
			assert.match(
				ready.find((s) => s.name === 'chatwoot-config')!.notes![0]!,
				/into \.env itself; then run this again with --only=n8n,start/,
			);
		});

		it('should not run the Rails runner before Chatwoot has its administrator', () => {
			const runner = chatwootRailsRunner(parseEnvText('GATEWAY_PUBLIC_HOST=hooks.example.org\n'));
			assert.deepEqual(
				lines(firstStartPlan(inputs({ chatwootRailsRunner: runner })), 'chatwoot-config'),
				[],
			);
		});
	});

	describe('readWorkflowSources', () => {
		it('should list the ids of every workflow file in name order, whatever its active flag', () => {
			const workflows = join(dir, 'workflows');
			mkdirSync(workflows);
			writeFileSync(join(workflows, '02-b.json'), JSON.stringify({ id: 'wfB', active: false }));
			writeFileSync(
				join(workflows, '01-a.json'),
				JSON.stringify({ id: 'wfA', name: 'a', nodes: [] }),
			);
			writeFileSync(join(workflows, 'README.md'), '# not a workflow');
			assert.deepEqual(ids(workflows), ['wfA', 'wfB']);
			assert.deepEqual(ids(join(dir, 'absent')), []);
		});

		it('should put sub-workflows first, since n8n publishes no caller of an unpublished one', () => {
			const workflows = join(dir, 'sub-workflows');
			mkdirSync(workflows);
			const workflow = (id: string, types: string[]) =>
				JSON.stringify({ id, name: id, nodes: types.map((type) => ({ type })) });
			writeFileSync(
				join(workflows, '01-caller.json'),
				workflow('wfCaller', ['n8n-nodes-base.webhook', 'n8n-nodes-base.executeWorkflow']),
			);
			writeFileSync(join(workflows, '02-other.json'), workflow('wfOther', []));
			writeFileSync(
				join(workflows, '03-sub.json'),
				workflow('wfSub', ['n8n-nodes-base.executeWorkflowTrigger']),
			);
			assert.deepEqual(ids(workflows), ['wfSub', 'wfCaller', 'wfOther']);
			// The real ones: 03 (lead capture) is called by 01 (triage).
			const real = ids(paths.n8nWorkflows);
			assert.ok(real.indexOf('sbLeadCapture003') < real.indexOf('sbInboundTriage1'));
		});

		it('should refuse a workflow without an id, which n8n could not import', () => {
			const workflows = join(dir, 'no-id');
			mkdirSync(workflows);
			writeFileSync(join(workflows, 'x.json'), JSON.stringify({ name: 'x' }));
			assert.throws(() => ids(workflows), /needs a string "id"/);
			writeFileSync(join(workflows, 'x.json'), JSON.stringify({ id: 'wfX', nodes: {} }));
			assert.throws(() => ids(workflows), /x\.json: "nodes" is not a list of nodes/);
		});
	});

	describe('first-start.ts --dry-run', () => {
		it('should print every step in order without running anything or showing a secret', async () => {
			const envFile = join(dir, 'prod.env');
			ensureSecrets({ envFile, exampleFile: paths.envExample });
			// What the operator adds by hand for the credentials (Meta left out).
			appendFileSync(
				envFile,
				'ANTHROPIC_API_KEY=sk-ant-dry-run-key\nANTHROPIC_MODEL=claude-sonnet-4-5\nANTHROPIC_PRICE_INPUT=3\nANTHROPIC_PRICE_OUTPUT=15\nCHATWOOT_BOT_TOKEN=dry-run-bot-token\nSMTP_ADDRESS=smtp.example.org\nSMTP_PASSWORD=dry-run-smtp-password\nMETA_APP_SECRET=dry-run-meta-app-secret\n',
			);
			const { stdout } = await run(process.execPath, [
				join(import.meta.dirname, 'first-start.ts'),
				'--dry-run',
				'--dotenv',
				envFile,
			]);
			const steps = [...stdout.matchAll(/^\[\d+\/\d+\] ([\w-]+):/gm)].map((m) => m[1]);
			assert.equal(steps[0], 'build');
			assert.equal(steps.at(-1), 'health');
			assert.match(stdout, /still empty in \.env: ACME_EMAIL/);
			assert.match(stdout, /Dry run: nothing was run\./);
			// The credentials go in first, then the workflows (a dry run reads no export, so all count
			// as new), each published by its id, the sub-workflow (03, called by 01) before its caller.
			assert.match(
				stdout,
				/exec -T -e N8N_RUNNERS_BROKER_PORT=0 n8n sh -c '.*switchboard-entrypoint\.sh import:credentials.*' <<< \(credentials JSON: Chatwoot \(Switchboard bot\), Claude, .*Marketing mail \(SMTP\)\)$/m,
			);
			assert.match(
				stdout,
				/switchboard-entrypoint\.sh import:workflow --input=\/tmp\/sb-workflows-import\.json; .*' <<< \(workflows: .*01-inbound-message-triage\.json.*\)$/m,
			);
			assert.match(stdout, /n8n: importing (\d+) of \1 workflows$/m);
			const published = [
				...stdout.matchAll(/switchboard-entrypoint\.sh publish:workflow --id=(\w+)$/gm),
			].map((m) => m[1]);
			assert.deepEqual([...published].sort(), [...ids(paths.n8nWorkflows)].sort());
			assert.ok(published.indexOf('sbLeadCapture003') < published.indexOf('sbInboundTriage1'));
			assert.ok(
				stdout.indexOf('import:credentials') < stdout.indexOf('import:workflow'),
				'credentials before the workflows that name them',
			);
			// Meta's values are not set here: its credential is skipped, by name, with what it needs.
			assert.match(
				stdout,
				/note: n8n credential "Meta Graph API \(Page\)" skipped: set META_PAGE_ACCESS_TOKEN, META_PAGE_ID in \.env/,
			);
			assert.doesNotMatch(stdout, /create the ones the workflows name/);
			assert.match(stdout, /gateway node scripts\/directus-setup\.ts access$/m);
			assert.match(stdout, /--scale newt=0 --scale gateway=0 --scale gateway-2=0$/m);
			for (const [name, value] of Object.entries(parseEnvText(readFileSync(envFile, 'utf8')))) {
				if (/PASSWORD|SECRET|KEY|TOKEN/.test(name) && value)
					assert.ok(!stdout.includes(value), `${name} printed`);
			}
		});

		it('should refuse to run for real while settings are missing', async () => {
			const envFile = join(dir, 'incomplete.env');
			ensureSecrets({ envFile, exampleFile: paths.envExample });
			await assert.rejects(
				run(process.execPath, [
					join(import.meta.dirname, 'first-start.ts'),
					'--dotenv',
					envFile,
					'--only=health',
				]),
				(err: { stderr: string }) => /ACME_EMAIL is empty/.test(err.stderr),
			);
		});
	});
});
