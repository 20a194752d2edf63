// The first start of the production stack as data: named steps, each a few docker compose commands.
// first-start.ts runs them (or prints them with --dry-run); re-running a step is safe.
import { relative } from 'node:path';
import type { Command } from './command.ts';
import { composeCommand, upStackArgs, type ComposeProject } from './compose.ts';
import type { EnvValues } from './env-file.ts';

export interface FirstStartInputs {
	project: ComposeProject;
	env: EnvValues;
	/** Ids of the workflows in n8n/workflows/ to publish after import. */
	workflowIds: string[];
	/** File name of the schema snapshot in directus/schema/, if there is one. */
	directusSnapshot: string | null;
	/** Repository path of the script that configures Directus beyond the snapshot, if it exists yet. */
	directusSetupScript: string | null;
	/** Repository path of the script that applies chatwoot/config/, if it exists yet. */
	chatwootApplyScript: string | null;
	/** How to run one of our scripts on this machine (Node 24). */
	localNode: string;
}

export interface Step {
	name: string;
	title: string;
	/** Render compose/pangolin/generated/ from the templates before the commands. */
	renderPangolin?: boolean;
	commands: Command[];
	/** What a person has to do by hand, printed after the step. */
	note?: string;
}

export const WORKFLOWS_IN_IMAGE = '/opt/switchboard/workflows';

export function firstStartPlan(inputs: FirstStartInputs): Step[] {
	const dc = (...args: string[]) => composeCommand(inputs.project, args);
	const { env } = inputs;
	const newtReady = Boolean(env.NEWT_ID && env.NEWT_SECRET);
	const chatwootReady = Boolean(inputs.chatwootApplyScript && env.CHATWOOT_API_TOKEN);
	return [
		{
			name: 'build',
			title:
				'Render the Pangolin config and build our images (n8n + node package, Directus, gateway)',
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
			title: 'Start Directus (bootstrap creates the admin and migrates), then apply our schema',
			commands: [
				dc('up', '-d', '--wait', 'directus'),
				...(inputs.directusSnapshot
					? [
							dc(
								'exec',
								'-T',
								'directus',
								'node',
								'cli.js',
								'schema',
								'apply',
								'--yes',
								`/directus/schema/${inputs.directusSnapshot}`,
							),
						]
					: []),
			],
			note: inputs.directusSnapshot
				? undefined
				: 'directus/schema/ holds no snapshot yet: schema apply skipped.',
		},
		{
			name: 'log-store',
			title: 'Create our sb_ tables in the Directus database',
			commands: [dc('run', '--rm', 'gateway', 'node', 'scripts/production/migrate-log-store.ts')],
		},
		{
			name: 'directus-config',
			title: 'Register the sb_ tables in Directus, sync Flows, roles and policies',
			commands: inputs.directusSetupScript
				? [dc('run', '--rm', 'gateway', 'node', inputs.directusSetupScript)]
				: [],
			note: inputs.directusSetupScript ? undefined : 'No Directus setup script yet: skipped.',
		},
		{
			name: 'n8n',
			title: 'Start n8n main (migrations, owner from .env), import and publish the workflows',
			commands: [
				dc('up', '-d', '--wait', 'n8n'),
				dc(
					'exec',
					'-T',
					'n8n',
					'n8n',
					'import:workflow',
					'--separate',
					`--input=${WORKFLOWS_IN_IMAGE}`,
				),
				...inputs.workflowIds.map((id) =>
					dc('exec', '-T', 'n8n', 'n8n', 'publish:workflow', `--id=${id}`),
				),
				// CLI publishing takes effect on the next start (reference/n8n.md §0.3).
				dc('restart', 'n8n'),
			],
		},
		{
			name: 'start',
			title: 'Start everything else: Chatwoot, n8n webhook processor and worker, gateway, Pangolin',
			commands: [dc(...upStackArgs(env))],
			note: newtReady
				? undefined
				: `Pangolin: open https://${env.PANGOLIN_PUBLIC_HOST}/auth/initial-setup with the setup token from \`docker compose … logs pangolin\`, create the admin, the roles Agents, Automation and Marketing, and a Newt site; put its id and secret in NEWT_ID and NEWT_SECRET, then run this again with --only=start.`,
		},
		{
			name: 'chatwoot-config',
			title: 'Apply chatwoot/config/ (inboxes, teams, labels, agent bot)',
			commands: chatwootReady
				? [dc('run', '--rm', 'gateway', 'node', inputs.chatwootApplyScript!)]
				: [],
			note: chatwootReady
				? 'Put the agent bot secret Chatwoot shows into CHATWOOT_BOT_SECRET, then: --only=start.'
				: `Open https://${env.CHATWOOT_PUBLIC_HOST} and create the Chatwoot administrator, copy its access token into CHATWOOT_API_TOKEN, then run this again with --only=chatwoot-config${inputs.chatwootApplyScript ? '' : ' (once the apply script exists)'}.`,
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
