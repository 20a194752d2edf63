// Installs our community-node package into an n8n user folder the way n8n installs one from the
// registry (npm pack, extract under .n8n/nodes/node_modules/<name>, no dependencies), so the nodes
// load under their production type names, e.g. n8n-nodes-switchboard.chatwoot.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackError } from './stack-error.ts';

export const NODE_PACKAGE_DIR = join(import.meta.dirname, '..', '..', 'n8n', 'custom-nodes');

/** Builds the package (unless told not to), packs it and extracts it into the user folder. */
export function installNodePackage(
	userFolder: string,
	options: { packageDir?: string; build?: boolean } = {},
): { name: string; version: string; directory: string } {
	const packageDir = options.packageDir ?? NODE_PACKAGE_DIR;
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
	};
	if (options.build ?? true) {
		execFileSync(process.execPath, [join(packageDir, '..', 'build-nodes.ts')], { stdio: 'pipe' });
	}
	if (!existsSync(join(packageDir, 'dist'))) {
		throw new StackError(`${manifest.name} is not built: run npm run build first.`);
	}
	const scratch = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
				cwd: packageDir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		) as Array<{ filename: string }>;
		const tarball = join(scratch, packed[0]!.filename);
		const directory = join(userFolder, '.n8n', 'nodes', 'node_modules', manifest.name);
		rmSync(directory, { recursive: true, force: true });
		mkdirSync(directory, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1']);
		return { name: manifest.name, version: manifest.version, directory };
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
