// The first start of the production stack as data: named steps, each a few docker compose commands.
// first-start.ts runs them (or prints them with --dry-run); re-running a step is safe.
import { relative, resolve } from 'node:path';
import type { Command } from './command.ts';
import { composeCommand, upStackArgs, waitingServices, type ComposeProject } from './compose.ts';
import type { EnvValues } from './env-file.ts';
import { N8N_CLI_EXEC, N8N_ENTRYPOINT_IN_IMAGE, type WorkflowSync } from './n8n-workflows.ts';
import type { PostgresTarget } from './postgres-target.ts';
import { gatewayPublicUrl } from './settings.ts';
import {
	DIRECTUS_IN_STACK,
	productionCredentials,
	type CredentialRecord,
	type SkippedCredential,
} from './n8n-credentials.ts';

export interface FirstStartInputs {
	project: ComposeProject;
	env: EnvValues;
	/** The files of n8n/workflows/ (readWorkflowSources): imported where allowed, then published. */
	workflows: WorkflowSync['workflows'];
	/** SWITCHBOARD_FORCE_WORKFLOWS: workflows to import over an operator's edits in n8n. */
	forceWorkflows?: string;
	/** Where psql reaches n8n's database, which keeps our import record (composeTarget). */
	postgres: PostgresTarget;
	/** Repository path of the script that applies directus/schema and directus/access, if it exists. */
	directusSetupScript: string | null;
	/** Repository path of the script that applies chatwoot/config/, if it exists yet. */
	chatwootApplyScript: string | null;
	/** The config file it applies (the business's own, chatwoot/config/business.yaml); unset: its default. */
	chatwootConfigFile?: string;
	/**
	 * Owner of .env on the host. Given, the apply runs as that user with .env mounted, and writes the
	 * secrets Chatwoot made into it itself (--env-file); unset, it prints them for the operator.
	 */
	envFileOwner?: { uid: number; gid: number };
	/**
	 * What the Chatwoot config asks of Chatwoot's Rails runner that its API cannot do
	 * (keep_pending_on_bot_failure, glue's keepPendingRailsRunner): arguments run in chatwoot-rails
	 * by the chatwoot-config step, which fails unless Chatwoot then has the value. Null: none.
	 */
	chatwootRailsRunner?: string[] | null;
	/** How to run one of our scripts on this machine (Node 24). */
	localNode: string;
}

export interface Step {
	name: string;
	title: string;
	/** Render compose/pangolin/generated/ from the templates before the commands. */
	renderPangolin?: boolean;
	commands: Command[];
	/** After the commands: import the workflows n8n may take and publish them (n8n-workflows.ts). */
	workflows?: WorkflowSync;
	/** What a person has to do by hand, printed after the step, one line each. */
	notes?: string[];
}

/** Where the credentials JSON sits inside the n8n container, only while n8n imports it. */
const CREDENTIALS_IN_CONTAINER = '/tmp/sb-credentials.json';

/**
 * `run --rm gateway node <script>`: the script gets the gateway's environment (DATABASE_URL of the
 * Directus database, CHATWOOT_URL, CHATWOOT_API_TOKEN, CHATWOOT_ACCOUNT_ID) plus `extra`. Secrets in
 * `secrets` travel in the command's environment and reach the container by name only (`-e NAME`),
 * so they are never printed and never stay in the long-running gateway's environment.
 */
/** Where the chatwoot-config step mounts the host's .env in the gateway container. */
export const ENV_FILE_IN_CONTAINER = '/run/switchboard.env';

function runScript(
	inputs: FirstStartInputs,
	script: string[],
	extra: Record<string, string>,
	secrets: string[],
	runOptions: string[] = [],
): Command {
	const command = composeCommand(inputs.project, [
		'run',
		'--rm',
		...runOptions,
		...Object.entries(extra).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
		...secrets.flatMap((name) => ['-e', name]),
		'gateway',
		'node',
		...script,
	]);
	return {
		...command,
		env: Object.fromEntries(secrets.map((name) => [name, inputs.env[name] ?? ''])),
	};
}

/**
 * `n8n import:credentials` in the n8n container. The JSON (plain-text secrets) goes in on standard
 * input, never in arguments or the printed command; n8n encrypts it into its database, and the file
 * it needs meanwhile is private to the container's user and removed whether the import worked or not.
 */
function importCredentials(project: ComposeProject, records: CredentialRecord[]): Command {
	const file = CREDENTIALS_IN_CONTAINER;
	return {
		...composeCommand(project, [
			...N8N_CLI_EXEC,
			'sh',
			'-c',
			`umask 077; cat > ${file} && ${N8N_ENTRYPOINT_IN_IMAGE} import:credentials --input=${file}; status=$?; rm -f ${file}; exit $status`,
		]),
		stdin: {
			text: JSON.stringify(records),
			label: `credentials JSON: ${records.map((record) => record.name).join(', ')}`,
		},
	};
}

/** One note per credential left out, naming the variables to set (never their values). */
function credentialNotes(skipped: SkippedCredential[]): string[] {
	return skipped.map(({ name, problems }) => {
		const where = problems.some((problem) => problem.startsWith('CHATWOOT_BOT_TOKEN'))
			? "the chatwoot-config step prints CHATWOOT_BOT_TOKEN=…, the agent bot's access token"
			: 'see .env.example';
		return `n8n credential "${name}" skipped: set ${problems.join(', ')} in .env (${where}), then run this again with --only=n8n; until then the workflow nodes that use it fail.`;
	});
}

/**
 * The steps an upgrade runs (`first-start.ts --upgrade`), in plan order: new images, then Chatwoot's
 * migrations before its new image serves (its Rails entrypoint does not migrate; Directus, n8n and
 * the gateway migrate themselves when they start), then the stack.
 */
export const UPGRADE_STEPS = ['build', 'datastores', 'chatwoot-db', 'start'] as const;

export function firstStartPlan(inputs: FirstStartInputs): Step[] {
	const dc = (...args: string[]) => composeCommand(inputs.project, args);
	const { env } = inputs;
	const waiting = waitingServices(env);
	const credentials = productionCredentials(env);
	const chatwootReady = Boolean(inputs.chatwootApplyScript && env.CHATWOOT_API_TOKEN);
	const owner = inputs.envFileOwner;
	const directusSetup = (command: string) =>
		runScript(
			inputs,
			[inputs.directusSetupScript!, command],
			// The script takes DATABASE_URL's server and this database name: `directus` in production.
			{ DIRECTUS_URL: DIRECTUS_IN_STACK, DIRECTUS_DATABASE: 'directus' },
			['DIRECTUS_ADMIN_TOKEN', 'DIRECTUS_AUTOMATION_TOKEN'],
		);
	return [
		{
			name: 'build',
			title:
				'Render the Pangolin config and build our images (n8n + node package, Directus + extensions, gateway)',
			renderPangolin: true,
			commands: [dc('build', '--pull')],
		},
		{
			name: 'datastores',
			title: 'Start PostgreSQL (creates one role and database per app) and Redis',
			commands: [dc('up', '-d', '--wait', 'postgres', 'redis')],
		},
		{
			name: 'chatwoot-db',
			title: "Prepare Chatwoot's database (schema on first run, migrations after)",
			commands: [
				dc('run', '--rm', 'chatwoot-rails', 'bundle', 'exec', 'rails', 'db:chatwoot_prepare'),
			],
		},
		{
			name: 'directus',
			title: 'Start Directus (bootstrap creates the admin and migrates; our extensions load)',
			commands: [dc('up', '-d', '--wait', 'directus')],
		},
		{
			name: 'log-store',
			title: 'Create our sb_ tables in the Directus database',
			commands: [dc('run', '--rm', 'gateway', 'node', 'scripts/production/migrate-log-store.ts')],
		},
		{
			name: 'directus-config',
			title:
				'Apply directus/schema (collections, sb_ tables read-only), directus/access (roles, policies, the Automation user with DIRECTUS_AUTOMATION_TOKEN), the Insights dashboards and directus/flows (Studio buttons)',
			// Not `directus schema apply`: it would drop every collection the snapshot does not name,
			// our sb_ tables included. The setup script touches only what directus/schema names.
			commands: inputs.directusSetupScript
				? [
						directusSetup('schema'),
						directusSetup('access'),
						directusSetup('dashboards'),
						directusSetup('flows'),
					]
				: [],
			notes: inputs.directusSetupScript ? [] : ['No Directus setup script yet: skipped.'],
		},
		{
			name: 'n8n',
			title:
				'Start n8n main (migrations, owner from .env), import the credentials and the workflows that changed, publish them',
			commands: [
				dc('up', '-d', '--wait', 'n8n'),
				...(credentials.records.length
					? [importCredentials(inputs.project, credentials.records)]
					: []),
			],
			// Only files changed since our last import, never over edits made in n8n's editor unless
			// forced; sub-workflows published first, then n8n restarts (n8n-workflows.ts).
			...(inputs.workflows.length
				? {
						workflows: {
							project: inputs.project,
							postgres: inputs.postgres,
							workflows: inputs.workflows,
							force: inputs.forceWorkflows,
						},
					}
				: {}),
			notes: [
				...(inputs.workflows.length
					? []
					: ['n8n/workflows/ holds no workflow yet: nothing imported.']),
				...credentialNotes(credentials.skipped),
			],
		},
		{
			name: 'start',
			title: 'Start everything else: Chatwoot, n8n webhook processor and worker, gateway, Pangolin',
			commands: [dc(...upStackArgs(env))],
			notes: waiting.map(({ service, needs }) =>
				service === 'newt'
					? `Newt waits for ${needs}: open https://${env.PANGOLIN_PUBLIC_HOST}/auth/initial-setup with the setup token from \`docker compose … logs pangolin\`, create the admin, the roles Agents, Automation and Marketing, and a Newt site; put its id and secret in NEWT_ID and NEWT_SECRET, then run this again with --only=start.`
					: `The ${service} waits for ${needs} in .env (see the chatwoot-config step); then --only=start starts it.`,
			),
		},
		{
			name: 'chatwoot-config',
			title:
				'Apply chatwoot/config/business.yaml (inboxes, teams, labels, agent bot) and write the departments into Directus',
			commands: chatwootReady
				? [
						runScript(
							inputs,
							[
								inputs.chatwootApplyScript!,
								...(inputs.chatwootConfigFile ? ['--config', inputs.chatwootConfigFile] : []),
								// The script writes the secrets Chatwoot made into .env in place (a bind-mounted
								// file cannot be replaced by a rename), as .env's owner so it stays theirs, mode 600.
								...(owner ? ['--env-file', ENV_FILE_IN_CONTAINER] : ['--print-secrets']),
							],
							{
								// Where Chatwoot's agent bot posts: the gateway behind Pangolin.
								GATEWAY_PUBLIC_URL: gatewayPublicUrl(env),
								DIRECTUS_URL: DIRECTUS_IN_STACK,
							},
							['DIRECTUS_ADMIN_TOKEN'],
							owner
								? [
										'-v',
										`${resolve(inputs.project.root, inputs.project.envFile)}:${ENV_FILE_IN_CONTAINER}`,
										'--user',
										`${owner.uid}:${owner.gid}`,
									]
								: [],
						),
						// Chatwoot's API drops keep_pending_on_bot_failure: its Rails runner sets and checks it.
						...(inputs.chatwootRailsRunner
							? [dc('exec', '-T', 'chatwoot-rails', ...inputs.chatwootRailsRunner)]
							: []),
					]
				: [],
			notes: [
				chatwootReady && owner
					? "The script writes the agent bot's secret (CHATWOOT_BOT_SECRET), its access token (CHATWOOT_BOT_TOKEN) and the account webhook's secret (CHATWOOT_ACCOUNT_WEBHOOK_SECRET) into .env itself; then run this again with --only=n8n,start (n8n's Chatwoot credential takes the token; the gateway starts with the secrets and checks every webhook's signature against them). After editing chatwoot/config/business.yaml, run --only=build,chatwoot-config."
					: chatwootReady
						? "The script prints the agent bot's secret as CHATWOOT_BOT_SECRET=…, its access token as CHATWOOT_BOT_TOKEN=… (and the account webhook's secret as CHATWOOT_ACCOUNT_WEBHOOK_SECRET=…): put those lines into .env, then run this again with --only=n8n,start (n8n's Chatwoot credential takes the token; the gateway starts with the secrets and checks every webhook's signature against them). After editing chatwoot/config/, run --only=build,chatwoot-config."
						: `Open https://${env.CHATWOOT_PUBLIC_HOST} and create the Chatwoot administrator, copy its access token into CHATWOOT_API_TOKEN, then run this again with --only=chatwoot-config${inputs.chatwootApplyScript ? '' : ' (once the apply script exists)'}.`,
			],
		},
		{
			name: 'health',
			title: 'Check every service',
			commands: [
				{
					program: inputs.localNode,
					args: [
						'scripts/production/health.ts',
						'--dotenv',
						relative(inputs.project.root, inputs.project.envFile),
					],
					cwd: inputs.project.root,
				},
			],
		},
	];
}
