// Static checks of compose/*/Dockerfile and the shell scripts baked into images or mounted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readPins } from '../lib/runtimes.ts';
import { SETUP_SCRIPTS } from './first-start-inputs.ts';
import { dockerfileBaseImages, imageTag, isPinnedImage } from './image-pins.ts';
import { paths, repoRoot } from './paths.ts';

const pins = readPins(readFileSync(paths.runtimesEnv, 'utf8'));
const read = (file: string) => readFileSync(join(paths.composeDir, file), 'utf8');
const dockerfiles = {
	n8n: read('n8n/Dockerfile'),
	directus: read('directus/Dockerfile'),
	gateway: read('gateway/Dockerfile'),
};

/** Packages `npm ci --omit=dev` leaves out: the dev dependencies of the root and every workspace. */
function devDependencies(): Set<string> {
	const manifest = (dir: string) =>
		JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as {
			workspaces?: string[];
			devDependencies?: Record<string, string>;
		};
	const root = manifest('.');
	return new Set(
		['.', ...(root.workspaces ?? [])].flatMap((dir) =>
			Object.keys(manifest(dir).devDependencies ?? {}),
		),
	);
}

/** glue's public entry points (@switchboard/glue/<module>) and the files they map to. */
const glueEntries = (
	JSON.parse(readFileSync(join(repoRoot, 'glue', 'package.json'), 'utf8')) as {
		exports: Record<string, string>;
	}
).exports;

/**
 * The packages a file loads when it starts, following its relative imports and glue's entry points.
 * Type-only imports are erased and `await import()` happens later, so neither counts.
 */
function packagesLoadedBy(file: string, seen = new Set<string>()): Set<string> {
	const packages = new Set<string>();
	if (seen.has(file)) return packages;
	seen.add(file);
	const text = readFileSync(file, 'utf8');
	// Static imports, and dynamic ones: the production CLIs load their packages after --help.
	const statements =
		/^(?:import|export)\s(?!type\s)[^;]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
	for (const match of text.matchAll(statements)) {
		const specifier = (match[1] ?? match[2] ?? match[3])!;
		const glueEntry = specifier.startsWith('@switchboard/glue/')
			? glueEntries[`./${specifier.slice('@switchboard/glue/'.length)}`]
			: undefined;
		if (specifier.startsWith('.') || glueEntry) {
			const target = glueEntry
				? join(repoRoot, 'glue', glueEntry)
				: resolve(dirname(file), specifier);
			for (const name of packagesLoadedBy(target, seen)) packages.add(name);
		} else if (!specifier.startsWith('node:')) {
			const parts = specifier.split('/');
			packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
		}
	}
	return packages;
}

// Dev dependencies a script loads only for a developer's command, never in the image:
// directus-setup's `export` formats the snapshot with prettier.
const DEV_ONLY_COMMANDS: Record<string, string[]> = { 'scripts/directus-setup.ts': ['prettier'] };

describe('compose Dockerfiles', () => {
	describe('image-pins', () => {
		it('should accept full versions and digests and refuse latest, bare majors and missing tags', () => {
			for (const image of [
				'traefik:v3.6.4',
				'pgvector/pgvector:0.8.0-pg17',
				'redis:7.4.2-alpine',
				'x/y@sha256:' + 'a'.repeat(64),
			]) {
				assert.equal(isPinnedImage(image), true, image);
			}
			for (const image of [
				'traefik:v3.6',
				'pgvector/pgvector:pg17',
				'redis:latest',
				'redis',
				'localhost:5000/app',
			]) {
				assert.equal(isPinnedImage(image), false, image);
			}
		});

		it('should list base images without the names of earlier stages', () => {
			assert.deepEqual(
				dockerfileBaseImages('FROM a:1.0.0 AS build\nRUN x\nFROM build\nFROM b:2.0.0\n'),
				['a:1.0.0', 'b:2.0.0'],
			);
		});
	});

	it('should build FROM pinned images only', () => {
		for (const [name, text] of Object.entries(dockerfiles)) {
			const bases = dockerfileBaseImages(text);
			assert.ok(bases.length > 0, name);
			assert.deepEqual(
				bases.filter((image) => !isPinnedImage(image)),
				[],
				name,
			);
		}
	});

	it('should use the Node 24 of scripts/runtimes.env for every Node build stage', () => {
		const nodeImages = Object.values(dockerfiles)
			.flatMap(dockerfileBaseImages)
			.filter((image) => image.startsWith('node:'));
		assert.ok(nodeImages.length >= 3);
		for (const image of nodeImages)
			assert.ok(imageTag(image)!.startsWith(`${pins.NODE24_VERSION}-`), image);
	});

	it('should base n8n on the pinned n8n and install our package where community packages load from', () => {
		assert.ok(dockerfileBaseImages(dockerfiles.n8n).includes(`n8nio/n8n:${pins.N8N_VERSION}`));
		assert.match(dockerfiles.n8n, /npm run build -w n8n-nodes-switchboard/);
		assert.match(
			dockerfiles.n8n,
			/^COPY .*\s\/home\/node\/\.n8n\/nodes\/node_modules\/n8n-nodes-switchboard$/m,
		);
		assert.match(dockerfiles.n8n, /^COPY .*n8n\/workflows \/opt\/switchboard\/workflows$/m);
	});

	it('should base Directus on the pinned Directus with our extensions built in a stage before', () => {
		assert.ok(
			dockerfileBaseImages(dockerfiles.directus).includes(
				`directus/directus:${pins.DIRECTUS_VERSION}`,
			),
		);
		assert.match(
			dockerfiles.directus,
			/sh compose\/directus\/build-extensions\.sh directus\/extensions \/out$/m,
		);
		assert.match(
			dockerfiles.directus,
			/^COPY --from=extensions .*\/out\/ \/directus\/extensions\/$/m,
		);
	});

	it('should start the gateway with Node straight from its TypeScript entry point', () => {
		assert.match(dockerfiles.gateway, /^CMD \["node", "glue\/src\/gateway\/main\.ts"\]$/m);
		assert.match(dockerfiles.gateway, /--ignore-scripts/);
	});

	it('should load no dev dependency in what runs in the gateway image, which omits them', () => {
		assert.match(dockerfiles.gateway, /npm ci --omit=dev/);
		const dev = devDependencies();
		assert.ok(dev.has('prettier') && dev.has('typescript'));
		const entries = [
			'glue/src/gateway/main.ts',
			'scripts/production/migrate-log-store.ts',
			...Object.values(SETUP_SCRIPTS),
		].filter((file) => existsSync(join(repoRoot, file)));
		for (const entry of entries) {
			const loaded = [...packagesLoadedBy(join(repoRoot, entry))];
			assert.ok(loaded.includes('zod'), `${entry}: imports not followed`);
			assert.deepEqual(
				loaded.filter((name) => dev.has(name) && !DEV_ONLY_COMMANDS[entry]?.includes(name)),
				[],
				entry,
			);
		}
	});

	it('should keep secrets and local state out of every build context', () => {
		for (const name of Object.keys(dockerfiles)) {
			const ignore = read(`${name}/Dockerfile.dockerignore`).split('\n');
			for (const entry of ['.env', '.git', '**/node_modules'])
				assert.ok(ignore.includes(entry), `${name}: ${entry}`);
		}
	});

	it('should ship shell scripts that parse and are executable', () => {
		const scripts = [
			'directus/build-extensions.sh',
			'n8n/entrypoint.sh',
			'postgres/init/10-app-databases.sh',
			'postgres/init/20-chatwoot-extensions.sh',
		];
		for (const script of scripts) {
			const file = join(paths.composeDir, script);
			execFileSync(script.startsWith('postgres/') ? 'bash' : 'sh', ['-n', file], {
				cwd: repoRoot,
			});
			assert.ok(statSync(file).mode & 0o111, `${script} is not executable`);
		}
	});
});
