// Shared `directus-extension build` configuration (each folder's extension.config.js re-exports it).
// A local build (build.ts) uses the SDK inside the Directus runtime and has no node_modules in the
// extension folder: this plugin resolves @directus/* imports from that runtime instead, so the same
// versions Directus runs are bundled. Without SWITCHBOARD_DIRECTUS_ROOT (a build after
// `npm install` in the folder) it does nothing.
import { join } from 'node:path';
import process from 'node:process';

const runtimeRoot = process.env.SWITCHBOARD_DIRECTUS_ROOT;

const resolveFromRuntime = {
	name: 'switchboard-directus-runtime',
	resolveId(source, _importer, options) {
		if (!runtimeRoot || !source.startsWith('@directus/')) return null;
		// Resolving "from" a file at the runtime's root makes node-resolve look in its node_modules.
		return this.resolve(source, join(runtimeRoot, 'index.js'), { ...options, skipSelf: true });
	},
};

export default { plugins: [resolveFromRuntime] };
