import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { StackError } from './stack-error.ts';

const pinsFile = new URL('../runtimes.env', import.meta.url);

/** The pinned runtime versions from scripts/runtimes.env, the one place they are written. */
export function readPins(text = readFileSync(pinsFile, 'utf8')): Record<string, string> {
	const pins: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const match = /^([A-Z0-9_]+)=(\S+)/.exec(line.trim());
		if (match) pins[match[1]!] = match[2]!;
	}
	return pins;
}

export interface Runtimes {
	n8nVersion: string;
	directusVersion: string;
	/** The n8n CLI entry point, run with this process's Node (24). */
	n8nBin: string;
	n8nRoot: string;
	/** Directus's CLI entry; calling it directly skips the npm-registry update check of bin/directus. */
	directusCli: string;
	directusRoot: string;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.SWITCHBOARD_CACHE ?? join(homedir(), '.cache', 'switchboard');
}

/** Where the installed runtimes are; throws a StackError naming the fix when one is missing. */
export function locateRuntimes(env: NodeJS.ProcessEnv = process.env): Runtimes {
	const pins = readPins();
	const cache = cacheDir(env);
	const n8nVersion = pins.N8N_VERSION!;
	const directusVersion = pins.DIRECTUS_VERSION!;
	const n8nRoot = join(cache, `n8n-${n8nVersion}`);
	const directusRoot = join(cache, `directus-${directusVersion}`);
	for (const [name, root] of [
		[`n8n ${n8nVersion}`, n8nRoot],
		[`Directus ${directusVersion}`, directusRoot],
	] as const) {
		if (!existsSync(join(root, '.complete'))) {
			throw new StackError(
				`${name} is not installed in ${root}: run \`npm run runtimes\` (the first install takes several minutes).`,
			);
		}
	}
	return {
		n8nVersion,
		directusVersion,
		n8nRoot,
		n8nBin: join(n8nRoot, 'node_modules', 'n8n', 'bin', 'n8n'),
		directusRoot,
		directusCli: join(directusRoot, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js'),
	};
}

/** Fails with one clear line when this Node is older than the runtimes need. */
export function assertNodeVersion(version = process.versions.node): void {
	const major = Number(version.split('.')[0]);
	if (major < 24) {
		throw new StackError(
			`switchboard needs Node >= 24 (this is ${version}): run it through npm (npm start, npm test), which brings Node 24, or install Node 24.`,
		);
	}
}
