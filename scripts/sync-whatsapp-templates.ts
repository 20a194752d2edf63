// Copies the WABA's message templates from Meta into Directus's whatsapp_approved_templates now (the
// Directus hook does it on a schedule). Prints what changed.
// Usage: node scripts/sync-whatsapp-templates.ts
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemoteError } from '@switchboard/glue/common';
import { ContentError } from '@switchboard/glue/content';
import {
	approvedTemplatesSettings,
	directusApprovedTemplateStore,
	MetaError,
	runApprovedTemplatesSync,
} from '@switchboard/glue/meta';
import { META_SIM_DEFAULT_TOKEN } from '../simulators/src/meta/index.ts';
import { parseLocalEnv } from './lib/local-config.ts';
import { StackError } from './lib/stack-error.ts';

const root = join(import.meta.dirname, '..');
// The simulator's WABA (simulators/src/meta/config.ts), used while META_GRAPH_URL is empty.
const SIM_WABA_ID = '102290129340398';

async function main(): Promise<number> {
	if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));
	const env = parseLocalEnv(process.env);
	const simulated = !env.META_GRAPH_URL;
	const settings = approvedTemplatesSettings(
		simulated
			? {
					...process.env,
					META_GRAPH_URL: `http://127.0.0.1:${env.META_SIM_PORT}`,
					META_WHATSAPP_TOKEN: process.env.META_WHATSAPP_TOKEN || META_SIM_DEFAULT_TOKEN,
					META_WABA_ID: process.env.META_WABA_ID || SIM_WABA_ID,
				}
			: process.env,
	);
	if (!settings) {
		console.error('sync-whatsapp-templates: set META_WHATSAPP_TOKEN and META_WABA_ID in .env');
		return 2;
	}
	const secretsFile = join(root, '.stack', 'local', 'secrets.json');
	const generated = existsSync(secretsFile)
		? (JSON.parse(readFileSync(secretsFile, 'utf8')) as { directusAdminToken?: string })
		: {};
	const token = env.DIRECTUS_ADMIN_TOKEN ?? generated.directusAdminToken;
	if (!token) {
		throw new StackError(
			'No Directus admin token: set DIRECTUS_ADMIN_TOKEN in .env, or start the stack once with npm start.',
		);
	}
	const url = process.env.DIRECTUS_URL || `http://127.0.0.1:${env.DIRECTUS_PORT}`;
	const result = await runApprovedTemplatesSync(
		settings,
		directusApprovedTemplateStore({ url, token }),
	);
	console.log(
		`sync-whatsapp-templates: ${result.listed} templates at Meta${simulated ? ' (simulator)' : ''}; ` +
			`${result.created.length} new, ${result.updated.length} changed, ${result.gone.length} gone, ${result.unchanged} unchanged`,
	);
	for (const id of result.created) console.log(`  new: ${id}`);
	for (const id of result.updated) console.log(`  changed: ${id}`);
	for (const id of result.gone) console.log(`  gone from Meta (marked DELETED): ${id}`);
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const known =
			error instanceof StackError ||
			error instanceof MetaError ||
			error instanceof RemoteError ||
			error instanceof ContentError;
		console.error(
			`sync-whatsapp-templates: ${error instanceof Error ? error.message : String(error)}`,
		);
		if (!known) console.error(error);
		process.exitCode = 1;
	},
);
