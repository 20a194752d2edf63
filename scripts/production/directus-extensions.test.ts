// compose/directus/build-extensions.sh for real: npm builds fake extensions, the script collects them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { paths } from './paths.ts';

const script = join(paths.composeDir, 'directus', 'build-extensions.sh');

// What `directus-extension build` leaves behind, without the SDK.
const writeDist =
	"node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/index.js','export default {}')\"";

interface PackageOptions {
	extension?: boolean;
	build?: boolean;
}

const packageJson = (name: string, options: PackageOptions) => ({
	name,
	version: '1.0.0',
	type: 'module',
	...(options.extension
		? { 'directus:extension': { type: 'hook', path: 'dist/index.js', host: '^11.0.0' } }
		: {}),
	...(options.build ? { scripts: { build: writeDist } } : {}),
});

function writePackage(dir: string, name: string, options: PackageOptions): void {
	mkdirSync(join(dir, 'src'), { recursive: true });
	writeFileSync(join(dir, 'src', 'index.ts'), 'export default () => {};');
	writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson(name, options)));
}

describe('compose/directus/build-extensions.sh', () => {
	const root = mkdtempSync(join(tmpdir(), 'sb-directus-ext-'));
	after(() => rmSync(root, { recursive: true, force: true }));
	let count = 0;
	const fresh = () => {
		const dir = join(root, String(++count));
		mkdirSync(dir);
		return { src: join(dir, 'extensions'), out: join(dir, 'out') };
	};
	const build = (src: string, out: string) =>
		spawnSync('sh', [script, src, out], { encoding: 'utf8', cwd: root });

	it('should build each extension folder and keep only its package.json and dist/', () => {
		const { src, out } = fresh();
		writePackage(join(src, 'promotion-hook'), 'promotion-hook', { extension: true, build: true });
		writePackage(join(src, 'insights-endpoint'), 'insights', { extension: true, build: true });
		// Built (others may import it) but not an extension, so not loaded by Directus.
		writePackage(join(src, 'shared'), 'shared', { build: true });
		const run = build(src, out);
		assert.equal(run.status, 0, run.stderr);
		assert.deepEqual(readdirSync(out).sort(), ['insights-endpoint', 'promotion-hook']);
		assert.deepEqual(readdirSync(join(out, 'promotion-hook')).sort(), ['dist', 'package.json']);
		assert.ok(existsSync(join(out, 'promotion-hook', 'dist', 'index.js')));
		assert.ok(existsSync(join(src, 'shared', 'dist', 'index.js')), 'shared was built');
	});

	it("should install an extension's own dependencies before its build", () => {
		const { src, out } = fresh();
		mkdirSync(join(src, 'local-dep'), { recursive: true });
		writeFileSync(
			join(src, 'local-dep', 'package.json'),
			JSON.stringify({ name: 'local-dep', version: '1.0.0' }),
		);
		writePackage(join(src, 'hook'), 'hook', { extension: true });
		writeFileSync(
			join(src, 'hook', 'package.json'),
			JSON.stringify({
				...packageJson('hook', { extension: true }),
				// Offline stand-in for @directus/extensions-sdk: the build fails without it.
				devDependencies: { 'local-dep': 'file:../local-dep' },
				scripts: {
					build: `node -e "require('fs').accessSync('node_modules/local-dep/package.json')" && ${writeDist}`,
				},
			}),
		);
		const run = build(src, out);
		assert.equal(run.status, 0, run.stderr);
		assert.deepEqual(readdirSync(out), ['hook']);
	});

	it('should collect directus/extensions itself when it is the extension (a bundle)', () => {
		const { src, out } = fresh();
		writePackage(src, '@switchboard/directus-extensions', { extension: true, build: true });
		const run = build(src, out);
		assert.equal(run.status, 0, run.stderr);
		assert.deepEqual(readdirSync(out), ['switchboard']);
		assert.deepEqual(readdirSync(join(out, 'switchboard')).sort(), ['dist', 'package.json']);
	});

	it('should fail, naming the folder, when an extension has no dist/ after its build', () => {
		const { src, out } = fresh();
		writePackage(join(src, 'unbuilt'), 'unbuilt', { extension: true });
		const run = build(src, out);
		assert.equal(run.status, 1);
		assert.match(run.stderr, /unbuilt is a Directus extension but has no dist\//);
	});

	it('should fail when a build fails', () => {
		const { src, out } = fresh();
		writePackage(join(src, 'broken'), 'broken', { extension: true });
		writeFileSync(
			join(src, 'broken', 'package.json'),
			JSON.stringify({
				...packageJson('broken', { extension: true }),
				scripts: { build: 'exit 3' },
			}),
		);
		assert.notEqual(build(src, out).status, 0);
	});

	it('should leave Directus without extensions when there are none yet', () => {
		const { src, out } = fresh();
		const run = build(src, out);
		assert.equal(run.status, 0, run.stderr);
		assert.deepEqual(readdirSync(out), []);
	});
});
