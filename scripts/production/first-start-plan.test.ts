import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { formatCommand } from './command.ts';
import { defaultProject } from './compose.ts';
import { parseEnvText } from './env-file.ts';
import { findSchemaSnapshot, readWorkflowIds } from './first-start-inputs.ts';
import { firstStartPlan, type FirstStartInputs } from './first-start-plan.ts';
import { paths } from './paths.ts';
import { ensureSecrets } from './secrets.ts';

const run = promisify(execFile);

const inputs = (overrides: Partial<FirstStartInputs> = {}): FirstStartInputs => ({
	project: defaultProject,
	env: {
		PANGOLIN_PUBLIC_HOST: 'pangolin.shop.example.org',
		CHATWOOT_PUBLIC_HOST: 'chat.shop.example.org',
	},
	workflowIds: ['wfInboundTriage01', 'wfSocialPoster001'],
	directusSnapshot: 'snapshot.yaml',
	directusSetupScript: 'scripts/directus-setup.ts',
	chatwootApplyScript: 'scripts/apply-chatwoot-config.ts',
	localNode: 'node',
	...overrides,
});

const lines = (plan: ReturnType<typeof firstStartPlan>, step: string) =>
	plan.find((s) => s.name === step)!.commands.map(formatCommand);

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

		it('should apply the Directus snapshot and create our tables', () => {
			const plan = firstStartPlan(inputs());
			assert.deepEqual(lines(plan, 'directus'), [
				`${DC} up -d --wait directus`,
				`${DC} exec -T directus node cli.js schema apply --yes /directus/schema/snapshot.yaml`,
			]);
			assert.deepEqual(lines(plan, 'log-store'), [
				`${DC} run --rm gateway node scripts/production/migrate-log-store.ts`,
			]);
			assert.deepEqual(lines(plan, 'directus-config'), [
				`${DC} run --rm gateway node scripts/directus-setup.ts`,
			]);
			const none = firstStartPlan(inputs({ directusSnapshot: null })).find(
				(s) => s.name === 'directus',
			)!;
			assert.equal(none.commands.length, 1);
			assert.match(none.note!, /no snapshot/);
		});

		it('should import the workflows, publish each one and restart n8n so publishing takes effect', () => {
			assert.deepEqual(lines(firstStartPlan(inputs()), 'n8n'), [
				`${DC} up -d --wait n8n`,
				`${DC} exec -T n8n n8n import:workflow --separate --input=/opt/switchboard/workflows`,
				`${DC} exec -T n8n n8n publish:workflow --id=wfInboundTriage01`,
				`${DC} exec -T n8n n8n publish:workflow --id=wfSocialPoster001`,
				`${DC} restart n8n`,
			]);
		});

		it('should keep Newt at zero until Pangolin has given it an id, and say how to get one', () => {
			const waiting = firstStartPlan(inputs()).find((s) => s.name === 'start')!;
			assert.deepEqual(waiting.commands.map(formatCommand), [
				`${DC} up -d --wait --scale n8n-worker=1 --scale newt=0`,
			]);
			assert.match(waiting.note!, /https:\/\/pangolin\.shop\.example\.org\/auth\/initial-setup/);
			const ready = firstStartPlan(
				inputs({ env: { NEWT_ID: 'id', NEWT_SECRET: 's', N8N_WORKERS: '3' } }),
			);
			assert.deepEqual(lines(ready, 'start'), [`${DC} up -d --wait --scale n8n-worker=3`]);
		});

		it('should apply the Chatwoot config only once there is a token and a script', () => {
			assert.deepEqual(lines(firstStartPlan(inputs()), 'chatwoot-config'), []);
			const ready = firstStartPlan(inputs({ env: { CHATWOOT_API_TOKEN: 't' } }));
			assert.deepEqual(lines(ready, 'chatwoot-config'), [
				`${DC} run --rm gateway node scripts/apply-chatwoot-config.ts`,
			]);
		});
	});

	describe('readWorkflowIds', () => {
		it('should list the ids of the workflow files, leaving out those saved inactive', () => {
			const workflows = join(dir, 'workflows');
			mkdirSync(workflows);
			writeFileSync(
				join(workflows, '01-a.json'),
				JSON.stringify({ id: 'wfA', name: 'a', nodes: [] }),
			);
			writeFileSync(join(workflows, '02-b.json'), JSON.stringify({ id: 'wfB', active: false }));
			writeFileSync(join(workflows, 'README.md'), '# not a workflow');
			assert.deepEqual(readWorkflowIds(workflows), ['wfA']);
			assert.deepEqual(readWorkflowIds(join(dir, 'absent')), []);
		});

		it('should refuse a workflow without an id, which n8n could not import', () => {
			const workflows = join(dir, 'no-id');
			mkdirSync(workflows);
			writeFileSync(join(workflows, 'x.json'), JSON.stringify({ name: 'x' }));
			assert.throws(() => readWorkflowIds(workflows), /needs a string "id"/);
		});
	});

	describe('findSchemaSnapshot', () => {
		it('should find the snapshot among the other schema files and refuse two snapshots', () => {
			const schema = join(dir, 'schema');
			mkdirSync(schema);
			writeFileSync(join(schema, 'log-tables.json'), '{}');
			writeFileSync(join(schema, 'flows.json'), '{}');
			assert.equal(findSchemaSnapshot(schema), null);
			writeFileSync(join(schema, 'snapshot.yaml'), 'version: 1');
			assert.equal(findSchemaSnapshot(schema), 'snapshot.yaml');
			writeFileSync(join(schema, 'snapshot.json'), '{}');
			assert.throws(() => findSchemaSnapshot(schema), /keep one schema snapshot/);
		});
	});

	describe('first-start.ts --dry-run', () => {
		it('should print every step in order without running anything or showing a secret', async () => {
			const envFile = join(dir, 'prod.env');
			ensureSecrets({ envFile, exampleFile: paths.envExample });
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
