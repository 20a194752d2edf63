// Reads chatwoot/config/<business>.yaml (or .json): parse, fill ${ENV} placeholders, validate.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod/v4';
import { ChatwootConfigFileError, type ConfigIssue } from './chatwoot-config-file-error.ts';
import { chatwootConfigSchema, type ChatwootConfig } from './config-schema.ts';
import { fillTemplates, type Environment } from './template.ts';

export function loadChatwootConfig(file: string | URL, env: Environment): ChatwootConfig {
	const path = typeof file === 'string' ? file : fileURLToPath(file);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const reason =
			(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
		throw new ChatwootConfigFileError({
			file: path,
			issues: [{ path: '', message: reason }],
			cause: error,
		});
	}
	return parseChatwootConfig(text, path, env);
}

/** `fileName` decides the syntax (.json or YAML) and names the file in errors. */
export function parseChatwootConfig(
	text: string,
	fileName: string,
	env: Environment,
): ChatwootConfig {
	let document: unknown;
	try {
		// YAML 1.2 is a superset of JSON, but JSON.parse gives JSON files JSON's own error messages.
		document = fileName.endsWith('.json')
			? JSON.parse(text)
			: parseYaml(text, { prettyErrors: true });
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new ChatwootConfigFileError({
			file: fileName,
			issues: [{ path: '', message }],
			cause: error,
		});
	}
	const filled = fillTemplates(document, env);
	if (filled.issues.length > 0) {
		throw new ChatwootConfigFileError({
			file: fileName,
			issues: filled.issues.map((issue) => ({
				path: formatPath(issue.path),
				message: issue.message,
			})),
		});
	}
	const parsed = chatwootConfigSchema.safeParse(filled.value, { reportInput: true });
	if (!parsed.success) {
		throw new ChatwootConfigFileError({ file: fileName, issues: zodIssues(parsed.error) });
	}
	return parsed.data;
}

function zodIssues(error: z.ZodError): ConfigIssue[] {
	return error.issues.map((issue) => {
		// A strict object names the keys it does not know in `keys`, not in the path.
		if (issue.code === 'unrecognized_keys') {
			return {
				path: issue.keys.map((key) => formatPath([...issue.path, key])).join(', '),
				message: 'unknown key (misspelt?)',
			};
		}
		// Without this, a missing key reads as its format hint ("an http(s) URL").
		const missing = issue.code === 'invalid_type' && issue.input === undefined;
		return { path: formatPath(issue.path), message: missing ? 'missing' : issue.message };
	});
}

/** ['departments', 1, 'whatsapp', 0, 'number'] → departments[1].whatsapp[0].number */
export function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((part, index) =>
			typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
		)
		.join('');
}
