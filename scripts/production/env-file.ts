// Reading and updating .env without disturbing what the operator wrote (comments, order, values).
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { EnvFileError } from './env-file-error.ts';

export type EnvValues = Record<string, string>;

/** Parsed the way Node and Compose read it: the last assignment of a name wins. */
export function parseEnvText(text: string): EnvValues {
	return parseEnv(text) as EnvValues;
}

export function readEnvFile(file: string): EnvValues {
	if (!existsSync(file)) {
		throw new EnvFileError({
			file,
			reason: 'does not exist: run `node scripts/production/bootstrap.ts` first',
		});
	}
	return parseEnvText(readFileSync(file, 'utf8'));
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Fills `NAME=` lines that are empty; a name with no empty line is appended at the end. A line that
 * already holds a value is never rewritten.
 */
export function fillEnvValues(text: string, values: EnvValues): string {
	let result = text;
	const appended: string[] = [];
	for (const [name, value] of Object.entries(values)) {
		const emptyLine = new RegExp(`^${escapeRegExp(name)}=[ \\t]*(?:""|'')?[ \\t]*$`, 'gm');
		if (emptyLine.test(result)) {
			result = result.replace(emptyLine, `${name}=${value}`);
		} else {
			appended.push(`${name}=${value}`);
		}
	}
	if (!appended.length) return result;
	const separator = result === '' || result.endsWith('\n') ? '' : '\n';
	return `${result}${separator}${appended.join('\n')}\n`;
}

/**
 * Sets each name to its value: the name's last assignment (the one Node and Compose read) is
 * rewritten in place, whatever it held, comments and order kept; a name with none is appended.
 */
export function setEnvValues(text: string, values: EnvValues): string {
	const lines = text.split('\n');
	const appended: string[] = [];
	for (const [name, value] of Object.entries(values)) {
		const assignment = new RegExp(`^\\s*(?:export\\s+)?${escapeRegExp(name)}\\s*=`);
		const index = lines.findLastIndex((line) => assignment.test(line));
		if (index >= 0) lines[index] = `${name}=${value}`;
		else appended.push(`${name}=${value}`);
	}
	const result = lines.join('\n');
	if (!appended.length) return result;
	const separator = result === '' || result.endsWith('\n') ? '' : '\n';
	return `${result}${separator}${appended.join('\n')}\n`;
}

/** Replaces the file in one step (no half-written .env), readable by its owner only. */
export function writeEnvFile(file: string, text: string): void {
	const temporary = `${file}.tmp-${process.pid}`;
	writeFileSync(temporary, text, { mode: 0o600 });
	chmodSync(temporary, 0o600);
	renameSync(temporary, file);
}

/** Names among `required` that are unset or empty. */
export function missingValues(env: EnvValues, required: readonly string[]): string[] {
	return required.filter((name) => !env[name]?.trim());
}
