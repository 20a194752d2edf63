// What first-start reads from the repository: workflow ids and the setup scripts it runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inPublishOrder, readWorkflowFiles } from '../lib/n8n-provision.ts';
import {
	DEFAULT_CONFIG_FILE,
	keepPendingRailsRunner,
	loadChatwootConfig,
} from '@switchboard/glue/chatwoot/config';
import { StackError } from '../lib/stack-error.ts';
import type { EnvValues } from './env-file.ts';
import type { WorkflowSync } from './n8n-workflows.ts';
import { ProductionError } from './production-error.ts';
import { gatewayPublicUrl } from './settings.ts';

/**
 * The workflow JSON files in `dir` with their JSON, in the order to publish them (sub-workflows
 * first, see inPublishOrder), as `npm start` does; the files' own `active` flag is ignored, since
 * n8n's export writes `false` there.
 */
export function readWorkflowSources(dir: string): WorkflowSync['workflows'] {
	if (!existsSync(dir)) return [];
	try {
		return inPublishOrder(readWorkflowFiles(dir)).map((w) => ({
			...w,
			json: JSON.parse(readFileSync(join(dir, w.file), 'utf8')) as unknown,
		}));
	} catch (error) {
		if (error instanceof StackError) throw new ProductionError(error.message);
		throw error;
	}
}

/** Scripts other issues write; first-start runs each in the gateway image once it exists. */
export const SETUP_SCRIPTS = {
	/** Applies directus/schema (with the sb_ tables) and directus/access. */
	directus: 'scripts/directus-setup.ts',
	/** Applies chatwoot/config/: inboxes, teams, labels, the agent bot. */
	chatwoot: 'scripts/apply-chatwoot-config.ts',
} as const;

/**
 * The `rails runner` arguments that set what chatwoot/config/ (the apply script's default file)
 * asks of Chatwoot's account but its API cannot set: keep_pending_on_bot_failure.
 */
export function chatwootRailsRunner(env: EnvValues): string[] {
	const config = loadChatwootConfig(DEFAULT_CONFIG_FILE, {
		...env,
		GATEWAY_PUBLIC_URL: gatewayPublicUrl(env),
	});
	return keepPendingRailsRunner(config);
}

export function findSetupScript(root: string, script: string): string | null {
	return existsSync(join(root, script)) ? script : null;
}
