// First start of the production stack, in order: images, datastores, Chatwoot's database, Directus,
// our sb_ tables, Directus's schema and access, n8n with its owner, credentials and workflows, the
// rest, Chatwoot's config.
// Safe to run again; --only re-runs single steps (e.g. after a manual step); --upgrade runs what an
// upgrade needs (UPGRADE_STEPS: images, Chatwoot's migrations, the stack). --dry-run prints the
// commands and changes nothing.
//   node scripts/production/first-start.ts [--dry-run] [--only=start,health | --upgrade]   (--help: all)
import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { runCli } from './cli.ts';
import { paths, repoRoot } from './paths.ts';

const USAGE = `
First start of the production stack, in order: images, datastores, Chatwoot's database, Directus,
our sb_ tables, Directus's schema and access, n8n with its owner, credentials and workflows, the
rest, Chatwoot's config (chatwoot/config/business.yaml). Safe to run again.

Usage: node scripts/production/first-start.ts [--dry-run] [--only=<step>[,<step>…] | --upgrade]

  --dry-run          print every command, run nothing (works before .env exists)
  --only <steps>     run only these steps, e.g. --only=start or --only=build,chatwoot-config
  --upgrade          what an upgrade needs: build, datastores, Chatwoot's migrations, start
  --dotenv <file>    the .env to read (default: .env in the repository root)
  -h, --help         this text

Steps: build, datastores, chatwoot-db, directus, log-store, directus-config, n8n, start,
chatwoot-config, health (a dry run prints each with its commands). Guide: compose/README.md.
`;

const options = {
	'dry-run': { type: 'boolean', default: false },
	only: { type: 'string' },
	upgrade: { type: 'boolean', default: false },
	dotenv: { type: 'string', default: paths.envFile },
} as const;

runCli({ usage: USAGE, options }, async ({ values }) => {
	// Imported here, not above: a clone without node_modules still gets --help, and a one-line
	// "run install.sh" instead of a stack trace (cli.ts).
	const { keepPendingRailsRunner } = await import('@switchboard/glue/chatwoot/config');
	const { BUSINESS_CONFIG, checkBusinessConfig } = await import('./business-config.ts');
	const { createDryRunRunner, createProcessRunner, formatCommand } = await import('./command.ts');
	const { defaultProject } = await import('./compose.ts');
	const { missingValues, readEnvFile } = await import('./env-file.ts');
	const { EnvFileError } = await import('./env-file-error.ts');
	const { findSetupScript, readWorkflowSources, SETUP_SCRIPTS } =
		await import('./first-start-inputs.ts');
	const { syncWorkflows } = await import('./n8n-workflows.ts');
	const { composeTarget } = await import('./postgres-target.ts');
	const { firstStartPlan, UPGRADE_STEPS } = await import('./first-start-plan.ts');
	const { ProductionError } = await import('./production-error.ts');
	const { productionSecrets } = await import('./secrets.ts');
	const { placeholderSettings, requiredSettings } = await import('./settings.ts');
	const { renderTemplates } = await import('./templates.ts');
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

	// Production applies the business's own config, never the demo's made-up numbers.
	const business = checkBusinessConfig(repoRoot, env);
	const plan = firstStartPlan({
		project,
		env,
		workflows: readWorkflowSources(paths.n8nWorkflows),
		// From the shell, for one run, as npm start takes it.
		forceWorkflows: process.env.SWITCHBOARD_FORCE_WORKFLOWS,
		postgres: composeTarget(project),
		directusSetupScript: findSetupScript(project.root, SETUP_SCRIPTS.directus),
		chatwootApplyScript: findSetupScript(project.root, SETUP_SCRIPTS.chatwoot),
		chatwootConfigFile: BUSINESS_CONFIG,
		// The apply writes Chatwoot's secrets into .env as its owner (before bootstrap: as this user).
		envFileOwner: existsSync(project.envFile)
			? { uid: statSync(project.envFile).uid, gid: statSync(project.envFile).gid }
			: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
		chatwootRailsRunner: business.config ? keepPendingRailsRunner(business.config) : null,
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
	if (!business.ok) {
		const applying = steps.some((s) => s.name === 'chatwoot-config' && s.commands.length);
		if (applying && !dryRun) throw new ProductionError(business.problem);
		console.log(`${dryRun ? '(dry run) ' : 'note: '}${business.problem}`);
	}
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
		if (step.workflows) {
			const shown = (command: Parameters<typeof formatCommand>[0]) => {
				if (!dryRun) console.log(`  $ ${formatCommand(command)}`);
				return command;
			};
			const echoing = {
				run: (command: Parameters<typeof formatCommand>[0]) => runner.run(shown(command)),
				capture: (command: Parameters<typeof formatCommand>[0]) => runner.capture(shown(command)),
			};
			const { lines } = await syncWorkflows(echoing, step.workflows, { dryRun });
			for (const line of lines) console.log(`  ${line}`);
		}
		for (const note of step.notes ?? []) console.log(`  note: ${note}`);
	}
	console.log(
		dryRun
			? '\nDry run: nothing was run.'
			: '\nFirst start done (see the notes above for what is left by hand).',
	);
});
