import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readPins } from './lib/runtimes.ts';

const root = join(import.meta.dirname, '..');
// npm test runs under scripts/with-node24; take its Node 24 off PATH to stand where a newcomer does.
const machinePath = (process.env.PATH ?? '')
	.split(delimiter)
	.filter((dir) => !/[/\\]node-\d+\.\d+\.\d+[/\\]/.test(dir))
	.join(delimiter);
const machineNode = spawnSync('node', ['-p', 'process.versions.node'], {
	env: { ...process.env, PATH: machinePath },
	encoding: 'utf8',
}).stdout.trim();
const needsFetch = Number(machineNode.split('.')[0] || 0) < 24;

describe('install-runtimes.sh', () => {
	const cache = mkdtempSync(join(tmpdir(), 'sb-runtimes-'));
	after(() => rmSync(cache, { recursive: true, force: true }));

	it(
		'should fetch Node 24 into an empty cache while npm runs install scripts through our script shell',
		{ skip: needsFetch ? false : `the machine's Node is ${machineNode}` },
		() => {
			// As during `npm install` at the root: .npmrc hands every install script, node@24's own
			// preinstall included, to scripts/npm-script-shell, which itself needs Node 24.
			const run = spawnSync('bash', [join(root, 'scripts/install-runtimes.sh'), 'node'], {
				env: {
					...process.env,
					PATH: machinePath,
					SWITCHBOARD_CACHE: cache,
					npm_config_script_shell: join(root, 'scripts/npm-script-shell'),
				},
				encoding: 'utf8',
				timeout: 240_000,
			});
			assert.equal(run.error, undefined, `the install did not finish: ${String(run.error)}`);
			assert.equal(run.status, 0, run.stderr);
			const version = readPins().NODE24_VERSION;
			const node = join(cache, `node-${version}`, 'node_modules/node/bin/node');
			assert.equal(
				spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(),
				`v${version}`,
			);
		},
	);
});
