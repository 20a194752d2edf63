// Builds n8n-nodes-switchboard: bundles each node and credential, with the glue library and its
// dependencies, into one CommonJS file under dist/, so the package has no runtime dependencies.
// n8n-workflow stays external: n8n provides it. Run from anywhere: `npm run build -w n8n-nodes-switchboard`.
import { cpSync, existsSync, globSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), 'custom-nodes');
const distDir = join(packageDir, 'dist');

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

const started = Date.now();
rmSync(distDir, { recursive: true, force: true });

const entryPoints = [
	...globSync('nodes/*/*.node.ts', { cwd: packageDir }),
	...globSync('credentials/*.credentials.ts', { cwd: packageDir }),
].map((file) => ({ in: join(packageDir, file), out: file.replace(/\.ts$/, '') }));

await build({
	entryPoints,
	outdir: distDir,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	// n8n provides n8n-workflow; pg-native is pg's optional native binding, never used.
	external: ['n8n-workflow', 'pg-native'],
	keepNames: true,
	legalComments: 'eof',
	logLevel: 'warning',
	// glue's migrate.ts reads its SQL next to itself; the nodes never call it, so the empty
	// import.meta of a CommonJS bundle is harmless there.
	logOverride: { 'empty-import-meta': 'silent' },
});

// What n8n reads besides the code: icons and codex files.
cpSync(join(packageDir, 'icons'), join(distDir, 'icons'), { recursive: true });
for (const codex of globSync('nodes/*/*.node.json', { cwd: packageDir })) {
	mkdirSync(join(distDir, dirname(codex)), { recursive: true });
	cpSync(join(packageDir, codex), join(distDir, codex));
}

// The n8n block of package.json is what n8n loads: every entry must exist, every build listed.
const manifest = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson)
	.n8n;
const listed = new Set([...manifest.nodes, ...manifest.credentials]);
const built = entryPoints.map((entry) => `dist/${entry.out}.js`);
const unlisted = built.filter((file) => !listed.has(file));
const missing = [...listed].filter((file) => !existsSync(join(packageDir, file)));
if (unlisted.length > 0 || missing.length > 0) {
	console.error(
		[
			...unlisted.map((file) => `built but not listed in package.json "n8n": ${file}`),
			...missing.map((file) => `listed in package.json "n8n" but not built: ${file}`),
		].join('\n'),
	);
	process.exit(1);
}
console.log(
	`n8n-nodes-switchboard: built ${entryPoints.length} files into ${relative(process.cwd(), distDir) || '.'} in ${Date.now() - started} ms (${built.map((file) => basename(file)).join(', ')})`,
);
