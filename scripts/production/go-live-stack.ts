// How the host reads Chatwoot and Directus for the go-live check: Pangolin's SSO stands in front of
// both outside, so the check runs once more inside the gateway image, on the stack's network, and
// prints what it read as JSON (go-live-check.ts --stack-facts).
import type { Command } from './command.ts';
import { composeCommand, type ComposeProject } from './compose.ts';
import type { EnvValues } from './env-file.ts';
import { CHATWOOT_IN_STACK, DIRECTUS_IN_STACK } from './n8n-credentials.ts';

/** The tokens travel in the command's environment (`-e NAME`), never in its arguments. */
const SECRETS = ['CHATWOOT_API_TOKEN', 'DIRECTUS_ADMIN_TOKEN'] as const;

export function stackFactsCommand(
	project: ComposeProject,
	env: EnvValues,
	accountId: number,
): Command {
	const command = composeCommand(project, [
		'run',
		'--rm',
		'--no-deps',
		'-T',
		'-e',
		`CHATWOOT_URL=${CHATWOOT_IN_STACK}`,
		'-e',
		`DIRECTUS_URL=${DIRECTUS_IN_STACK}`,
		'-e',
		`CHATWOOT_ACCOUNT_ID=${accountId}`,
		...SECRETS.flatMap((name) => ['-e', name]),
		'gateway',
		'node',
		'scripts/production/go-live-check.ts',
		'--stack-facts',
	]);
	return { ...command, env: Object.fromEntries(SECRETS.map((name) => [name, env[name] ?? ''])) };
}
