// What first-start reads from the repository: workflow ids, the Directus snapshot, the Chatwoot script.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v4';
import { ProductionError } from './production-error.ts';

const workflowSchema = z.looseObject({ id: z.string().min(1), active: z.boolean().optional() });

/**
 * Ids of the workflow JSON files in `dir`, to publish after import. `n8n import:workflow` needs an id
 * in every file (reference/n8n.md §0.5), so a file without one is an error here already. A workflow
 * saved with `"active": false` stays unpublished.
 */
export function readWorkflowIds(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.flatMap((file) => {
			const parsed = workflowSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
			if (!parsed.success) {
				throw new ProductionError(
					`${join(dir, file)}: a workflow needs a string "id" to be imported`,
				);
			}
			return parsed.data.active === false ? [] : [parsed.data.id];
		});
}

const SNAPSHOT_NAMES = ['snapshot.json', 'snapshot.yaml', 'snapshot.yml'];

/**
 * The Directus schema snapshot in directus/schema/ (`directus schema snapshot` writes YAML or JSON).
 * The folder's other files (log-tables.json, flows.json) are applied by scripts/directus-setup.ts.
 */
export function findSchemaSnapshot(dir: string): string | null {
	if (!existsSync(dir)) return null;
	const snapshots = readdirSync(dir)
		.filter((file) => SNAPSHOT_NAMES.includes(file))
		.sort();
	if (snapshots.length > 1) {
		throw new ProductionError(
			`${dir} holds ${snapshots.join(' and ')}: keep one schema snapshot there`,
		);
	}
	return snapshots[0] ?? null;
}

/** Scripts other issues write; first-start runs each in the gateway image once it exists. */
export const SETUP_SCRIPTS = {
	/** Registers the sb_ tables, syncs Flows, roles and policies in Directus. */
	directus: 'scripts/directus-setup.ts',
	/** Applies chatwoot/config/: inboxes, teams, labels, the agent bot. */
	chatwoot: 'scripts/apply-chatwoot-config.ts',
} as const;

export function findSetupScript(root: string, script: string): string | null {
	return existsSync(join(root, script)) ? script : null;
}
