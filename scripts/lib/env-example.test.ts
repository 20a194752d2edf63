// .env.example is the one list of settings: every variable tagged with where it applies, whether it
// is required, generated or optional and what empty means; the code reads no variable it lacks and
// it lists none that nothing reads; the facts kept in several files (runtime versions) agree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseEnv } from 'node:util';
import { productionSecrets } from '../production/secrets.ts';
import { localEnvVariables, parseLocalEnv } from './local-config.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const example = read('.env.example');

interface Tagged {
	name: string;
	value: string;
	scope: string;
	kind: string;
	default: string;
}

const TAG = /^# \[(local|production|both); ([^;\]]+); default ([^\]]+)\]$/;
const VARIABLE = /^(?:# ?)?([A-Z][A-Z0-9_]*)=(.*)$/;

/** Every variable line of .env.example (a commented-out one too) with the tag line above it. */
function taggedVariables(): { tagged: Tagged[]; untagged: string[] } {
	const lines = example.split('\n');
	const tagged: Tagged[] = [];
	const untagged: string[] = [];
	lines.forEach((line, index) => {
		const variable = VARIABLE.exec(line);
		if (!variable) return;
		const tag = TAG.exec(lines[index - 1] ?? '');
		if (!tag) untagged.push(variable[1]!);
		else {
			tagged.push({
				name: variable[1]!,
				value: variable[2]!,
				scope: tag[1]!,
				kind: tag[2]!,
				default: tag[3]!,
			});
		}
	});
	return { tagged, untagged };
}

/** Files whose code reads settings: TypeScript (no tests), shell and the compose file. */
function sourceFiles(): string[] {
	const dirs = [
		'glue/src',
		'scripts',
		'simulators/src',
		'directus/extensions',
		'n8n/custom-nodes/nodes',
		'n8n/custom-nodes/shared',
		'n8n/custom-nodes/credentials',
		'compose',
	];
	return dirs.flatMap((dir) =>
		readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
			.map((file) => join(dir, file))
			.filter(
				(file) =>
					!/(^|\/)(node_modules|dist|generated)\//.test(file) &&
					!file.endsWith('.test.ts') &&
					// Test support (test-*.ts, testing.ts) takes knobs of its own.
					!/(^|\/)(test-[^/]*|testing)\.ts$/.test(file) &&
					/(\.ts|\.sh|\.ya?ml|Dockerfile)$/.test(file),
			),
	);
}

/**
 * Variables code reads: process.env.X, env.X / env['X'] on an environment object, the upper-case
 * keys of a zod object (our env schemas), `(env, 'X')` helpers, and compose's ${X}.
 */
function variablesReadBy(file: string, text: string): string[] {
	const found = new Set<string>();
	const add = (pattern: RegExp) => {
		for (const match of text.matchAll(pattern)) found.add(match[1]!);
	};
	if (file.endsWith('.ts')) {
		add(/process\.env\.([A-Z][A-Z0-9_]+)/g);
		add(/process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g);
		add(/\b(?:env|vars)\.([A-Z][A-Z0-9_]+)\b(?!\s*=[^=])/g);
		add(/\b(?:env|vars)\[['"]([A-Z][A-Z0-9_]+)['"]\]/g);
		add(/\(env, '([A-Z][A-Z0-9_]+)'/g);
		for (const block of text.matchAll(
			/z\s*\.\s*(?:object|looseObject|strictObject)\(\{([\s\S]*?)\n\t*\}\)/g,
		)) {
			for (const key of block[1]!.matchAll(/^\s*([A-Z][A-Z0-9_]{2,}):/gm)) found.add(key[1]!);
		}
	}
	if (file === 'compose/docker-compose.yml') {
		const code = text.replace(/^\s*#.*$/gm, '');
		for (const match of code.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)) found.add(match[1]!);
	}
	return [...found];
}

/**
 * Names code reads that are not settings of ours: the shell's own, what we set for the processes
 * we start (n8n's and Postgres's variables), and knobs of tests and benchmarks.
 */
const NOT_SETTINGS = new Set([
	'HOME',
	'PATH',
	'NAME',
	'PGPASSWORD',
	'EXECUTIONS_DATA_MAX_AGE',
	'EXECUTIONS_DATA_PRUNE',
	'EXECUTIONS_MODE',
	'GENERIC_TIMEZONE',
	'N8N_INSTANCE_OWNER_PASSWORD_HASH',
	'N8N_RUNNERS_GRANT_TOKEN',
	'N8N_RUNNERS_TASK_BROKER_URI',
	'QUEUE_BULL_REDIS_HOST',
	'SWITCHBOARD_OWNER_PASSWORD',
	'SWITCHBOARD_KEEP_FAILED',
	'FUZZ_RUNS',
	'FUZZ_SEED',
	'PLAYWRIGHT_CORE',
]);

describe('.env.example', () => {
	const { tagged, untagged } = taggedVariables();
	const byName = new Map(tagged.map((variable) => [variable.name, variable]));

	it('should tag every variable with its scope, kind and default', () => {
		assert.deepEqual(untagged, []);
		assert.ok(tagged.length > 100);
		for (const { name, kind } of tagged) {
			assert.match(kind, /^(required|generated|optional)\b/, name);
		}
	});

	it('should list each variable once', () => {
		const names = tagged.map((variable) => variable.name);
		assert.deepEqual(
			names.filter((name, index) => names.indexOf(name) !== index),
			[],
		);
	});

	it('should write, for an optional variable that has a value, the default its tag states', () => {
		const differing = tagged.filter(
			({ kind, value, default: fallback }) =>
				kind === 'optional' && value !== '' && value !== fallback,
		);
		assert.deepEqual(differing, []);
	});

	it('should mark as generated exactly the secrets bootstrap.ts and the Chatwoot step write', () => {
		const generated = tagged
			.filter((variable) => variable.kind.startsWith('generated'))
			.map((variable) => variable.name)
			.sort();
		const written = [
			...productionSecrets.map((secret) => secret.name),
			'CHATWOOT_BOT_SECRET',
			'CHATWOOT_BOT_TOKEN',
			'CHATWOOT_ACCOUNT_WEBHOOK_SECRET',
		].sort();
		assert.deepEqual(generated, written);
	});

	it("should state npm start's own defaults, and tag what npm start reads local or both", () => {
		const defaults = parseLocalEnv({}) as Record<string, unknown>;
		for (const name of localEnvVariables) {
			const variable = byName.get(name);
			assert.ok(variable, `${name} is not in .env.example`);
			assert.notEqual(variable.scope, 'production', `${name} is read by npm start`);
			if (defaults[name] !== undefined) {
				assert.equal(variable.default, String(defaults[name]), name);
			}
		}
	});

	it('should read as "not set" everywhere when copied as it is', () => {
		const values = parseEnv(example);
		for (const { name, kind, value } of tagged) {
			if (kind.startsWith('generated')) assert.equal(value, '', `${name} must be empty here`);
		}
		assert.equal(values.SWITCHBOARD_ADMIN_PASSWORD, '');
	});

	describe('and the code', () => {
		const files = sourceFiles();
		const texts = new Map(files.map((file) => [file, read(file)]));

		it('should list every variable the code reads', () => {
			const missing: string[] = [];
			for (const [file, text] of texts) {
				for (const name of variablesReadBy(file, text)) {
					if (!byName.has(name) && !NOT_SETTINGS.has(name)) missing.push(`${name} (${file})`);
				}
			}
			assert.deepEqual([...new Set(missing)].sort(), []);
		});

		it('should list no variable that no code names', () => {
			const all = [...texts.values()].join('\n');
			const unread = tagged
				.map((variable) => variable.name)
				.filter((name) => !new RegExp(`\\b${name}\\b`).test(all));
			assert.deepEqual(unread, []);
		});
	});
});

describe('facts kept in several files', () => {
	it('should default CHATWOOT_ACCOUNT_ID to the account every shipped Chatwoot config names (the apply step refuses a mismatch)', () => {
		const tag = /^# \[[^\]]*default (\d+)\]\nCHATWOOT_ACCOUNT_ID=/m.exec(example);
		assert.ok(tag, 'CHATWOOT_ACCOUNT_ID has a numeric default');
		const configs = readdirSync(join(root, 'chatwoot/config')).filter((file) =>
			/\.ya?ml$/.test(file),
		);
		assert.ok(configs.length > 0);
		for (const file of configs) {
			const id = /^account:\n(?:\s+#.*\n)*\s+id: (\d+)$/m.exec(read(join('chatwoot/config', file)));
			assert.equal(id?.[1], tag[1], file);
		}
	});

	it("should keep the business's time zone in Directus alone: n8n's clock is UTC everywhere, no setting or workflow names a zone", () => {
		// Glue reads business_info.time_zone (hours, posts, broadcasts, bookings); a second copy in
		// .env, compose or a workflow would drift from what staff set in Directus.
		const zoneVariables = taggedVariables().tagged.filter(({ name }) =>
			/TIME_?ZONE|(^|_)TZ$/.test(name),
		);
		assert.deepEqual(zoneVariables, []);
		const composeZones = [
			...read('compose/docker-compose.yml').matchAll(/^\s+(GENERIC_TIMEZONE|TZ): (.+)$/gm),
		];
		assert.ok(composeZones.length >= 3, 'n8n main, workers and runners');
		for (const zone of composeZones) assert.equal(zone[2], 'UTC', zone[0]);
		assert.match(read('scripts/lib/n8n.ts'), /^\s+GENERIC_TIMEZONE: 'UTC',$/m, 'npm start');
		for (const file of readdirSync(join(root, 'n8n/workflows'))) {
			const workflow = JSON.parse(read(join('n8n/workflows', file))) as {
				settings?: { timezone?: string };
			};
			assert.equal(workflow.settings?.timezone, undefined, file);
		}
	});

	const pins = parseEnv(read('scripts/runtimes.env'));
	const compose = read('compose/docker-compose.yml');

	it("should run n8n's pinned version in npm start, compose, its Dockerfile and the node package", () => {
		const version = pins.N8N_VERSION!;
		const images = [...compose.matchAll(/image: (switchboard\/n8n|n8nio\/runners):(\S+)/g)];
		assert.ok(images.length >= 2);
		for (const image of images) assert.equal(image[2], version, image[0]);
		assert.match(read('compose/n8n/Dockerfile'), new RegExp(`^FROM n8nio/n8n:${version}$`, 'm'));
		const nodePackage = JSON.parse(read('n8n/custom-nodes/package.json')) as {
			devDependencies?: Record<string, string>;
			peerDependencies?: Record<string, string>;
		};
		const deps = { ...nodePackage.peerDependencies, ...nodePackage.devDependencies };
		for (const name of ['n8n-core', 'n8n-workflow']) {
			if (deps[name]) assert.equal(deps[name], version, name);
		}
	});

	it("should run Directus's pinned version everywhere it is named", () => {
		const version = pins.DIRECTUS_VERSION!;
		assert.match(compose, new RegExp(`image: switchboard/directus:${version}$`, 'm'));
		assert.match(
			read('compose/directus/Dockerfile'),
			new RegExp(`^FROM directus/directus:${version}$`, 'm'),
		);
		assert.equal(
			(JSON.parse(read('directus/schema/snapshot.json')) as { directus: string }).directus,
			version,
		);
		const extensions = readdirSync(join(root, 'directus/extensions'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
			.map((entry) => join('directus/extensions', entry.name, 'package.json'));
		for (const file of extensions) {
			let manifest: { 'directus:extension'?: { host?: string } };
			try {
				manifest = JSON.parse(read(file)) as typeof manifest;
			} catch {
				continue;
			}
			const host = manifest['directus:extension']?.host;
			if (host) assert.equal(host, `^${version}`, relative(root, join(root, file)));
		}
	});
});
