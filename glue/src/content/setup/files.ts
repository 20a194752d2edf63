// Where the setup's data files live: directus/ at the repository root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod/v4';
import { ContentSetupError } from '../errors.ts';

const directusDir = new URL('../../../../directus/', import.meta.url);

export const SETUP_FILES = {
	snapshot: new URL('schema/snapshot.json', directusDir),
	logTables: new URL('schema/log-tables.json', directusDir),
	access: new URL('access/access.json', directusDir),
	seed: new URL('seed/northwind-fibre.json', directusDir),
	dashboards: new URL('dashboards/insights.json', directusDir),
	flows: new URL('flows/flows.json', directusDir),
} as const;

/** Reads and validates a JSON setup file; any problem is a ContentSetupError naming the file. */
export function readSetupFile<S extends z.ZodType>(file: URL, schema: S): z.output<S> {
	const name = displayName(file);
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		const reason =
			error instanceof SyntaxError ? `is not valid JSON: ${error.message}` : 'cannot be read';
		throw new ContentSetupError({ file: name, reason, cause: error });
	}
	const result = schema.safeParse(json);
	if (result.success) return result.data;
	const issues = result.error.issues
		.slice(0, 5)
		.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
		.join('; ');
	throw new ContentSetupError({ file: name, reason: `is invalid (${issues})` });
}

/** The path relative to the repository when it is inside it, for messages. */
export function displayName(file: URL): string {
	const path = fileURLToPath(file);
	const root = fileURLToPath(new URL('../../../../', import.meta.url));
	return path.startsWith(root) ? path.slice(root.length) : path;
}
