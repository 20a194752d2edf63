// Type-checks every Directus extension's source (hooks, endpoints and their handlers), which the
// root tsconfig cannot: @directus/extensions-sdk, @directus/errors and @directus/types live inside
// the pinned Directus runtime (as for build.ts), not in the workspace. A tsconfig generated in the
// state directory maps them there. Run by `npm test` (scripts/test.sh).
// Usage: node directus/extensions/typecheck.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToCompletion } from '../../scripts/lib/managed-process.ts';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';
import { EXTENSIONS_SOURCE_DIR } from './build.ts';

const root = join(EXTENSIONS_SOURCE_DIR, '..', '..');
const stateDir = join(root, '.stack', 'typecheck');
mkdirSync(stateDir, { recursive: true });
const directusModules = join(locateRuntimes().directusRoot, 'node_modules');
const tsconfig = join(stateDir, 'tsconfig.directus-extensions.json');
writeFileSync(
	tsconfig,
	`${JSON.stringify(
		{
			extends: join(root, 'tsconfig.base.json'),
			compilerOptions: {
				paths: {
					// Their package.json has `exports` without `types`: name the declarations.
					'@directus/*': [join(directusModules, '@directus', '*', 'dist', 'index.d.ts')],
					// The panel extension's Vue, as the SDK builds it.
					vue: [join(directusModules, 'vue', 'dist', 'vue.d.ts')],
					// One Express for both: Directus's copy and ours would be two unrelated types.
					express: [join(root, 'node_modules', '@types', 'express', 'index.d.ts')],
					'express-serve-static-core': [
						join(root, 'node_modules', '@types', 'express-serve-static-core', 'index.d.ts'),
					],
				},
				typeRoots: [join(root, 'node_modules', '@types')],
			},
			include: [join(EXTENSIONS_SOURCE_DIR, '*', 'src', '**', '*.ts')],
		},
		null,
		'\t',
	)}\n`,
);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = await runToCompletion({
	name: 'tsc-directus-extensions',
	command: process.execPath,
	args: [tsc, '-p', tsconfig],
	env: { PATH: process.env.PATH },
	cwd: root,
	logFile: join(stateDir, 'tsc.log'),
});
if (result.code !== 0) {
	process.stderr.write(`directus/extensions: type errors (${join(stateDir, 'tsc.log')}):\n`);
	process.stderr.write(`${result.tail}\n`);
	process.exit(1);
}
