// Applies directus/ (schema, access, seed, dashboards, flows) to a running Directus and prints what it changed.
// Usage: node scripts/directus-setup.ts <schema|check|export|access|seed|dashboards|flows|all> [--dry-run] [--prune]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { RemoteError } from '@switchboard/glue/common';
import { ContentError } from '@switchboard/glue/content';
import {
	applyDirectusAccess,
	applyDirectusDashboards,
	applyDirectusFlows,
	applyDirectusSchema,
	applyDirectusSeed,
	checkDirectusSchema,
	exportDirectusSchema,
	formatChange,
	SETUP_FILES,
	type SetupResult,
} from '@switchboard/glue/content/setup';
import { parseLocalEnv } from './lib/local-config.ts';
import { databaseUrl } from './lib/postgres.ts';
import { StackError } from './lib/stack-error.ts';

const root = join(import.meta.dirname, '..');
const COMMANDS = [
	'schema',
	'check',
	'export',
	'access',
	'seed',
	'dashboards',
	'flows',
	'all',
] as const;
type Command = (typeof COMMANDS)[number];

const USAGE = `Usage: node scripts/directus-setup.ts <command> [--dry-run] [--prune]

  schema   run the log store migrations, then apply directus/schema (collections, log tables)
  check    compare directus/schema with the running Directus; exit code 1 when they differ
  export   write the running Directus's schema to directus/schema/snapshot.json
  access   apply directus/access/access.json (policies, roles, the automation user and its token)
  seed     upsert the demo content of directus/seed
  dashboards  apply the Insights dashboards of directus/dashboards (mirrors the dashboards it names)
  flows       apply the Studio buttons of directus/flows (manual flows, e.g. "Send a test to me")
  all      schema, access, seed, dashboards and flows

  --dry-run  say what would change, change nothing      --prune  (schema) also delete fields the
                                                                  snapshot no longer has
Reads .env: DIRECTUS_URL (default http://127.0.0.1:$DIRECTUS_PORT), DIRECTUS_ADMIN_TOKEN (default:
the one npm start generated), DATABASE_URL and DIRECTUS_DATABASE (for the log store migrations),
DIRECTUS_AUTOMATION_TOKEN (the n8n user's static token; generated and printed once when unset).`;

interface Settings {
	url: string;
	adminToken: string;
	databaseUrl: string;
	automationToken: string | undefined;
}

function settings(): Settings {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	const env = parseLocalEnv(process.env);
	const secretsFile = join(root, '.stack', 'local', 'secrets.json');
	const generated = existsSync(secretsFile)
		? (JSON.parse(readFileSync(secretsFile, 'utf8')) as { directusAdminToken?: string })
		: {};
	const adminToken = env.DIRECTUS_ADMIN_TOKEN ?? generated.directusAdminToken;
	if (!adminToken) {
		throw new StackError(
			'No Directus admin token: set DIRECTUS_ADMIN_TOKEN in .env, or start the stack once with npm start.',
		);
	}
	return {
		url: process.env.DIRECTUS_URL || `http://127.0.0.1:${env.DIRECTUS_PORT}`,
		adminToken,
		databaseUrl: databaseUrl(env.DATABASE_URL, env.DIRECTUS_DATABASE),
		automationToken: process.env.DIRECTUS_AUTOMATION_TOKEN || undefined,
	};
}

function report(step: string, result: SetupResult, dryRun: boolean): void {
	const verb = dryRun ? 'would' : '';
	if (!result.changes.length) console.log(`${step}: no changes`);
	for (const change of result.changes)
		console.log(`${step}: ${verb ? `${verb} ` : ''}${formatChange(change)}`);
	for (const change of result.skipped) {
		console.log(`${step}: left alone: ${formatChange(change)} (use --prune to apply)`);
	}
}

async function run(command: Command, flags: Set<string>): Promise<number> {
	const config = settings();
	const directus = { url: config.url, token: config.adminToken };
	const dryRun = flags.has('--dry-run');
	if (command === 'check') {
		const drift = await checkDirectusSchema({ directus });
		const differences = [...drift.changes, ...drift.skipped];
		if (!differences.length) console.log('check: Directus matches directus/schema');
		for (const change of differences) console.log(`check: differs: ${formatChange(change)}`);
		return differences.length ? 1 : 0;
	}
	if (command === 'export') {
		const snapshot = await exportDirectusSchema({ directus });
		const file = fileURLToPath(SETUP_FILES.snapshot);
		// Loaded here only: prettier is a dev dependency, absent from the production gateway image
		// that runs the other commands (first-start's directus-config step).
		const prettier = await import('prettier');
		const options = (await prettier.resolveConfig(file)) ?? {};
		writeFileSync(
			file,
			await prettier.format(JSON.stringify(snapshot), { ...options, filepath: file }),
		);
		console.log(`export: wrote ${snapshot.collections.length} collections to ${file}`);
		return 0;
	}
	if (command === 'schema' || command === 'all') {
		const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
		try {
			const result = await applyDirectusSchema({
				directus,
				logStore: pool,
				dryRun,
				prune: flags.has('--prune'),
			});
			if (result.migrations.length)
				console.log(`schema: log store migrations applied: ${result.migrations.join(', ')}`);
			report('schema', result, dryRun);
		} finally {
			await pool.end();
		}
	}
	if (command === 'access' || command === 'all') {
		const result = await applyDirectusAccess({
			directus,
			dryRun,
			tokens: { DIRECTUS_AUTOMATION_TOKEN: config.automationToken },
			generateMissingTokens: true,
		});
		report('access', result, dryRun);
		for (const user of result.users) {
			// Printed once, on purpose: the operator puts it in n8n's Directus credential.
			if (user.generatedToken) {
				console.log(
					`access: static token of ${user.email} (store it now, e.g. DIRECTUS_AUTOMATION_TOKEN in .env): ${user.generatedToken}`,
				);
			} else if (!user.hasToken) {
				console.log(`access: ${user.email} has no static token yet`);
			}
		}
	}
	if (command === 'seed' || command === 'all') {
		report('seed', await applyDirectusSeed({ directus, dryRun }), dryRun);
	}
	if (command === 'dashboards' || command === 'all') {
		report('dashboards', await applyDirectusDashboards({ directus, dryRun }), dryRun);
	}
	if (command === 'flows' || command === 'all') {
		report('flows', await applyDirectusFlows({ directus, dryRun }), dryRun);
	}
	return 0;
}

const [command, ...rest] = process.argv.slice(2);
const flags = new Set(rest);
if (
	!COMMANDS.includes(command as Command) ||
	[...flags].some((flag) => !['--dry-run', '--prune'].includes(flag))
) {
	console.error(USAGE);
	process.exit(2);
}
run(command as Command, flags).then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (
			error instanceof StackError ||
			error instanceof ContentError ||
			error instanceof RemoteError
		) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	},
);
