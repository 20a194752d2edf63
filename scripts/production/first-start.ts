// First start of the production stack, in order: images, datastores, Chatwoot's database, Directus,
// our sb_ tables, Directus's schema and access, n8n with its owner, credentials and workflows, the
// rest, Chatwoot's config.
// Safe to run again; --only re-runs single steps (e.g. after a manual step); --upgrade runs what an
// upgrade needs (UPGRADE_STEPS: images, Chatwoot's migrations, the stack). --dry-run prints the
// commands and changes nothing.
//   bash scripts/with-node24 node scripts/production/first-start.ts [--dry-run] [--only=start,health | --upgrade]
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './cli.ts';
import { createDryRunRunner, createProcessRunner, formatCommand } from './command.ts';
import { defaultProject } from './compose.ts';
import { missingValues, readEnvFile } from './env-file.ts';
import { EnvFileError } from './env-file-error.ts';
import {
	chatwootRailsRunner,
	findSetupScript,
	readWorkflowIds,
	SETUP_SCRIPTS,
} from './first-start-inputs.ts';
import { firstStartPlan, UPGRADE_STEPS } from './first-start-plan.ts';
import { paths } from './paths.ts';
import { productionSecrets } from './secrets.ts';
import { placeholderSettings, requiredSettings } from './settings.ts';
import { renderTemplates } from './templates.ts';

runCli(async () => {
	const { values } = parseArgs({
		options: {
			'dry-run': { type: 'boolean', default: false },
			only: { type: 'string' },
			upgrade: { type: 'boolean', default: false },
			dotenv: { type: 'string', default: defaultProject.envFile },
		},
	});
	const dryRun = values['dry-run'];
	const project = { ...defaultProject, envFile: values.dotenv };
	// A dry run before bootstrap still shows the commands, with the example's values.
	const envSource = dryRun && !existsSync(project.envFile) ? paths.envExample : project.envFile;
	const env = readEnvFile(envSource);
	const missing = missingValues(env, [
		...productionSecrets.map((s) => s.name),
		...requiredSettings,
	]);
	if (missing.length && !dryRun) {
		throw new EnvFileError({
			file: relative(process.cwd(), project.envFile),
			reason: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty: run bootstrap.ts, then set the rest by hand`,
			variables: missing,
		});
	}
	if (missing.length) console.log(`(dry run) still empty in .env: ${missing.join(', ')}`);
	// .env.example's example.com names would start a stack nobody can reach (and Let's Encrypt
	// refuses them): refused, not warned about, before anything runs.
	const placeholders = placeholderSettings(env);
	if (placeholders.length && !dryRun) {
		throw new EnvFileError({
			file: relative(process.cwd(), project.envFile),
			reason: `${placeholders.join(', ')} still ${placeholders.length > 1 ? 'hold' : 'holds'} .env.example's placeholder (example.com): set your own host names and e-mail address`,
			variables: placeholders,
		});
	}
	if (placeholders.length) {
		console.log(`(dry run) still example.com in .env: ${placeholders.join(', ')}`);
	}

	const plan = firstStartPlan({
		project,
		env,
		workflowIds: readWorkflowIds(paths.n8nWorkflows),
		directusSetupScript: findSetupScript(project.root, SETUP_SCRIPTS.directus),
		chatwootApplyScript: findSetupScript(project.root, SETUP_SCRIPTS.chatwoot),
		chatwootRailsRunner: chatwootRailsRunner(env),
		localNode: 'node',
	});
	if (values.upgrade && values.only) {
		throw new EnvFileError({ file: '--upgrade', reason: 'runs its own steps; leave out --only' });
	}
	const only = values.upgrade
		? [...UPGRADE_STEPS]
		: values.only?.split(',').map((name) => name.trim());
	const unknown = only?.filter((name) => !plan.some((step) => step.name === name)) ?? [];
	if (unknown.length) {
		throw new EnvFileError({
			file: '--only',
			reason: `unknown step ${unknown.join(', ')}; steps: ${plan.map((s) => s.name).join(', ')}`,
		});
	}
	const runner = dryRun
		? createDryRunRunner({ print: (line) => console.log(`  ${line}`) })
		: createProcessRunner();
	const steps = plan.filter((step) => !only || only.includes(step.name));
	for (const [index, step] of steps.entries()) {
		console.log(`\n[${index + 1}/${steps.length}] ${step.name}: ${step.title}`);
		if (step.renderPangolin) {
			const where = relative(process.cwd(), paths.pangolinGenerated);
			if (dryRun) console.log(`  (render compose/pangolin/templates/ into ${where}/)`);
			else
				renderTemplates({
					templatesDir: paths.pangolinTemplates,
					outputDir: paths.pangolinGenerated,
					env,
				});
		}
		for (const command of step.commands) {
			if (!dryRun) console.log(`  $ ${formatCommand(command)}`);
			await runner.run(command);
		}
		for (const note of step.notes ?? []) console.log(`  note: ${note}`);
	}
	console.log(
		dryRun
			? '\nDry run: nothing was run.'
			: '\nFirst start done (see the notes above for what is left by hand).',
	);
});
