// Builds our Directus extensions with the Directus extensions SDK into the layout Directus loads from
// EXTENSIONS_PATH: <outDir>/<folder>/package.json plus the built entry point its manifest names.
// The SDK is the one inside the pinned Directus runtime (@directus/api 35.2.0, i.e. Directus 11.17.4,
// depends on @directus/extensions-sdk 17.1.4), so nothing is installed for a local build; a folder
// with its own node_modules (the production image runs `npm install` there) builds the same way.
// Usage: node directus/extensions/build.ts [outDir]   (default: directus/extensions/dist)
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runToCompletion } from '../../scripts/lib/managed-process.ts';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';
import { StackError } from '../../scripts/lib/stack-error.ts';

export const EXTENSIONS_SOURCE_DIR = import.meta.dirname;

/** Extension types with one entry point, and the hybrid (app + api) operation; no bundles. */
const BUILDABLE = new Set(['hook', 'endpoint', 'panel', 'operation']);

interface Manifest {
	name: string;
	'directus:extension': { type: string; path: unknown; source: unknown };
}

export interface BuiltExtension {
	/** The folder name, which Directus uses as the extension's name. */
	folder: string;
	type: string;
	entry: string;
}

export interface BuildExtensionsOptions {
	/** Becomes EXTENSIONS_PATH; each extension's folder in it is replaced. */
	outDir: string;
	/** The Directus runtime whose @directus/extensions-sdk builds (and whose @directus/* is bundled). */
	directusRoot: string;
	/** The SDK's build log; default <outDir>/build.log. */
	logFile?: string;
	minify?: boolean;
}

/** The extension folders under directus/extensions/ (those with a `directus:extension` manifest). */
export function extensionFolders(sourceDir = EXTENSIONS_SOURCE_DIR): string[] {
	return readdirSync(sourceDir, { withFileTypes: true })
		.filter(
			(entry) => entry.isDirectory() && existsSync(join(sourceDir, entry.name, 'package.json')),
		)
		.map((entry) => entry.name)
		.filter((folder) => 'directus:extension' in readManifest(join(sourceDir, folder)))
		.sort();
}

function readManifest(dir: string): Manifest {
	return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

export async function buildDirectusExtensions(
	options: BuildExtensionsOptions,
): Promise<BuiltExtension[]> {
	const outDir = resolve(options.outDir);
	const logFile = options.logFile ?? join(outDir, 'build.log');
	const cli = join(options.directusRoot, 'node_modules', '@directus', 'extensions-sdk', 'cli.js');
	if (!existsSync(cli)) {
		throw new StackError(
			`The Directus extensions SDK is missing from ${options.directusRoot}: run \`npm run runtimes\`.`,
		);
	}
	mkdirSync(outDir, { recursive: true });
	// One at a time: each build is a rollup run that takes both cores of a small machine.
	const built: BuiltExtension[] = [];
	for (const folder of extensionFolders()) {
		built.push(await buildOne(folder, { ...options, outDir, logFile, cli }));
	}
	return built;
}

async function buildOne(
	folder: string,
	options: BuildExtensionsOptions & { outDir: string; logFile: string; cli: string },
): Promise<BuiltExtension> {
	const sourceDir = join(EXTENSIONS_SOURCE_DIR, folder);
	const manifest = readManifest(sourceDir);
	const { type, path, source } = manifest['directus:extension'];
	const split = type === 'operation';
	const entries = split ? splitEntry(path) : typeof path === 'string' ? path : null;
	const sources = split ? splitEntry(source) : typeof source === 'string' ? source : null;
	if (!BUILDABLE.has(type) || !entries || !sources) {
		throw new StackError(
			`directus/extensions/${folder}/package.json: only ${[...BUILDABLE].join(', ')} extensions with one "source" and one "path" ({app, api} for an operation) are built here (found type "${type}").`,
		);
	}
	const targetDir = join(options.outDir, folder);
	rmSync(targetDir, { recursive: true, force: true });
	const entry =
		typeof entries === 'string' ? join(targetDir, entries) : join(targetDir, entries.api);
	// --type/--input/--output keep the SDK from writing dist/ into the source tree, so builds for
	// several test runs at once never meet. A hybrid takes both as {"app","api"} JSON.
	const input =
		typeof sources === 'string'
			? join(sourceDir, sources)
			: JSON.stringify({ app: join(sourceDir, sources.app), api: join(sourceDir, sources.api) });
	const output =
		typeof entries === 'string'
			? entry
			: JSON.stringify({ app: join(targetDir, entries.app), api: entry });
	const args = [options.cli, 'build', '--type', type, '--input', input];
	args.push('--output', output, ...(options.minify ? [] : ['--no-minify']));
	const result = await runToCompletion({
		name: `directus-extension build (${folder})`,
		command: process.execPath,
		args,
		// extension.config.js resolves @directus/* from here when the folder has no node_modules.
		env: { ...process.env, SWITCHBOARD_DIRECTUS_ROOT: options.directusRoot },
		cwd: sourceDir,
		logFile: options.logFile,
	});
	if (result.code !== 0 || !existsSync(entry)) {
		throw new StackError(
			`Building the Directus extension ${folder} failed (see ${options.logFile}).`,
			result.tail,
		);
	}
	// Directus reads the manifest beside the build; the rest of the folder stays behind.
	writeFileSync(join(targetDir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return { folder, type, entry };
}

function splitEntry(value: unknown): { app: string; api: string } | null {
	if (typeof value !== 'object' || value === null) return null;
	const { app, api } = value as Record<string, unknown>;
	return typeof app === 'string' && typeof api === 'string' ? { app, api } : null;
}

const repoRoot = resolve(EXTENSIONS_SOURCE_DIR, '..', '..');

/**
 * Everything a build depends on: each extension's manifest, config and the files its entry point
 * imports (relative imports and @switchboard/glue entry points, followed), the lockfile (zod's
 * version) and the Directus runtime (the SDK and @directus/*). A change elsewhere in glue/ does not
 * cost a rebuild.
 */
export function extensionsSourceHash(directusRoot: string): string {
	const files = new Set<string>([
		join(repoRoot, 'package-lock.json'),
		join(EXTENSIONS_SOURCE_DIR, 'build.ts'),
		join(EXTENSIONS_SOURCE_DIR, 'sdk-config.js'),
	]);
	for (const folder of extensionFolders()) {
		const dir = join(EXTENSIONS_SOURCE_DIR, folder);
		files.add(join(dir, 'package.json'));
		files.add(join(dir, 'extension.config.js'));
		const { source } = readManifest(dir)['directus:extension'];
		const sources = typeof source === 'string' ? [source] : Object.values(splitEntry(source) ?? {});
		for (const entry of sources) collectImports(join(dir, entry), files);
	}
	const hash = createHash('sha256').update(basename(directusRoot));
	for (const file of [...files].filter((path) => existsSync(path)).sort()) {
		hash.update(`\0${relative(repoRoot, file)}\0`).update(readFileSync(file));
	}
	return hash.digest('hex').slice(0, 16);
}

const LOCAL_IMPORT = /(?:from|import)\s*['"](\.{1,2}\/[^'"]+|@switchboard\/glue\/[^'"]+)['"]/g;

/** glue's public entry points (@switchboard/glue/<module>) and the files they map to. */
const glueEntries = (
	JSON.parse(readFileSync(join(repoRoot, 'glue', 'package.json'), 'utf8')) as {
		exports: Record<string, string>;
	}
).exports;

function collectImports(file: string, seen: Set<string>): void {
	if (seen.has(file) || !existsSync(file)) return;
	seen.add(file);
	for (const match of readFileSync(file, 'utf8').matchAll(LOCAL_IMPORT)) {
		const specifier = match[1]!;
		if (specifier.startsWith('.')) {
			collectImports(resolve(dirname(file), specifier), seen);
			continue;
		}
		const entry = glueEntries[`./${specifier.slice('@switchboard/glue/'.length)}`];
		if (entry) collectImports(join(repoRoot, 'glue', entry), seen);
	}
}

const LOCK_STALE_MS = 10 * 60_000;

/**
 * Our extensions built for this runtime, reused while nothing they are built from changed: the
 * build takes half a minute, and every test file starts a Directus. Returns the folder to use as
 * EXTENSIONS_PATH (read-only: several Directus instances may load it at once).
 */
export async function cachedDirectusExtensions(directusRoot: string): Promise<string> {
	// Beside the runtime, in the cache every clone shares (scripts/install-runtimes.sh).
	const root = join(dirname(directusRoot), 'directus-extensions');
	const hash = extensionsSourceHash(directusRoot);
	const done = join(root, hash);
	const lock = join(root, `${hash}.lock`);
	mkdirSync(root, { recursive: true });
	for (;;) {
		if (existsSync(join(done, '.complete'))) return done;
		try {
			mkdirSync(lock);
			break;
		} catch {
			// Another process is building the same sources: wait for it, or take over a stale lock.
			const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
			if (Date.now() - since > LOCK_STALE_MS) {
				rmSync(lock, { recursive: true, force: true });
			}
			await sleep(500);
		}
	}
	try {
		if (existsSync(join(done, '.complete'))) return done;
		const building = join(root, `${hash}.building`);
		rmSync(building, { recursive: true, force: true });
		await buildDirectusExtensions({
			outDir: building,
			directusRoot,
			logFile: join(root, `${hash}.log`),
		});
		writeFileSync(join(building, '.complete'), '');
		rmSync(done, { recursive: true, force: true });
		renameSync(building, done);
		pruneOldBuilds(root, hash);
		return done;
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Builds of other sources, a week unused, go (other clones may still use recent ones). */
function pruneOldBuilds(root: string, keep: string): void {
	const weekAgo = Date.now() - 7 * 24 * 3_600_000;
	for (const entry of readdirSync(root)) {
		if (entry.startsWith(keep)) continue;
		const path = join(root, entry);
		if (statSync(path).mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
	}
}

if (import.meta.main) {
	const outDir = resolve(process.argv[2] ?? join(EXTENSIONS_SOURCE_DIR, 'dist'));
	const started = Date.now();
	buildDirectusExtensions({ outDir, directusRoot: locateRuntimes().directusRoot }).then(
		(built) => {
			const names = built.map((extension) => `${extension.folder} (${extension.type})`);
			console.log(
				`directus extensions: built ${names.join(', ')} into ${relative(process.cwd(), outDir) || '.'} in ${Date.now() - started} ms`,
			);
		},
		(error: unknown) => {
			if (error instanceof StackError) {
				console.error(error.message);
				if (error.detail) console.error(error.detail);
				process.exit(1);
			}
			throw error;
		},
	);
}
