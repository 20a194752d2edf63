// Static checks of compose/docker-compose.yml (there is no Docker engine here to run it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { readPins } from '../lib/runtimes.ts';
import { imageTag, isPinnedImage } from './image-pins.ts';
import { loadComposeFile, parseComposeText, type ComposeService } from './compose.ts';
import { paths } from './paths.ts';

const text = readFileSync(paths.composeFile, 'utf8');
const compose = loadComposeFile();
const services = Object.entries(compose.services);
const pins = readPins(readFileSync(paths.runtimesEnv, 'utf8'));
const envExample = readFileSync(paths.envExample, 'utf8');

function environmentOf(service: ComposeService): Record<string, string> {
	const env = service.environment ?? {};
	if (Array.isArray(env)) {
		return Object.fromEntries(
			env.map((line) => [line.split('=')[0]!, line.split('=').slice(1).join('=')]),
		);
	}
	return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** Every string in the parsed file: keys and values, never comments. */
function stringsIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsIn);
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
	}
	return [];
}

function networksOf(service: ComposeService): string[] {
	const networks = service.networks ?? [];
	return Array.isArray(networks) ? networks : Object.keys(networks);
}

function compileComposeSchema() {
	const schema = JSON.parse(readFileSync(paths.composeSchema, 'utf8')) as object;
	const ajv = new Ajv({ allErrors: true });
	// Go durations, as Compose writes them: 10s, 1m30s, 500ms.
	ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
	return ajv.compile(schema);
}

describe('compose/docker-compose.yml', () => {
	it('should parse as YAML without errors or warnings', () => {
		const doc = parseDocument(text, { merge: true });
		assert.deepEqual(doc.errors, []);
		assert.deepEqual(doc.warnings, []);
	});

	it('should validate against the Compose Specification schema (subset) once merge keys are resolved', () => {
		const validate = compileComposeSchema();
		const valid = validate(parseComposeText(text));
		assert.equal(valid, true, new Ajv().errorsText(validate.errors, { separator: '\n' }));
	});

	it('should have a schema strict enough to reject a misspelt key or a bad duration', () => {
		const validate = compileComposeSchema();
		assert.equal(validate({ services: { a: { image: 'x:1.0.0', healthchek: {} } } }), false);
		assert.equal(
			validate({ services: { a: { healthcheck: { test: ['CMD', 'true'], interval: 'often' } } } }),
			false,
		);
		assert.equal(
			validate({ services: { a: { image: 'x:1.0.0', restart: 'unless-stopped' } } }),
			true,
		);
	});

	it('should find every ${VAR} it uses listed in .env.example', () => {
		// `$$` is Compose's escape for a literal `$` (evaluated in the container), not a variable.
		const used = stringsIn(parseComposeText(text)).flatMap((value) =>
			[...value.replaceAll('$$', '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!),
		);
		assert.ok(used.length > 10);
		const missing = [...new Set(used)].filter(
			(name) => !new RegExp(`^#? ?${name}=`, 'm').test(envExample),
		);
		assert.deepEqual(missing, []);
	});

	it('should pin every image to a full version or a digest', () => {
		const unpinned = services
			.filter(([, service]) => !service.image || !isPinnedImage(service.image))
			.map(([name, service]) => `${name}: ${service.image ?? '(no image)'}`);
		assert.deepEqual(unpinned, []);
	});

	it('should tag n8n and Directus with the versions in scripts/runtimes.env', () => {
		for (const name of ['n8n', 'n8n-webhook', 'n8n-worker']) {
			assert.equal(imageTag(compose.services[name]!.image!), pins.N8N_VERSION);
		}
		assert.equal(pins.N8N_VERSION, '2.41.0');
		assert.equal(imageTag(compose.services.directus!.image!), pins.DIRECTUS_VERSION);
		assert.equal(pins.DIRECTUS_VERSION, '11.17.4');
	});

	it('should run Chatwoot 4.15.x with private-network webhooks allowed', () => {
		for (const name of ['chatwoot-rails', 'chatwoot-sidekiq']) {
			const service = compose.services[name]!;
			assert.match(service.image!, /^chatwoot\/chatwoot:v4\.15\.\d+$/);
			assert.equal(environmentOf(service).SAFE_FETCH_ALLOW_PRIVATE_NETWORK, 'true');
		}
	});

	it('should give every service a health check and a restart policy', () => {
		const missing = services
			.filter(
				([, s]) =>
					!s.healthcheck?.test ||
					s.healthcheck.disable ||
					!['always', 'unless-stopped'].includes(String(s.restart)),
			)
			.map(([name]) => name);
		assert.deepEqual(missing, []);
	});

	it('should publish no port for PostgreSQL and Redis and keep them on internal networks only', () => {
		for (const name of ['postgres', 'redis']) {
			const service = compose.services[name]!;
			assert.equal(service.ports, undefined, `${name} publishes a port`);
			const networks = networksOf(service);
			assert.ok(networks.length > 0);
			for (const network of networks)
				assert.equal(compose.networks?.[network]?.internal, true, `${name} on ${network}`);
		}
	});

	it('should publish ports only from Gerbil, which carries Traefik and the tunnels', () => {
		const publishing = services.filter(([, s]) => s.ports?.length).map(([name]) => name);
		assert.deepEqual(publishing, ['gerbil']);
		assert.equal(compose.services.traefik!.network_mode, 'service:gerbil');
	});

	it('should keep data in named volumes declared at the top level', () => {
		const declared = new Set(Object.keys(compose.volumes ?? {}));
		const named = services.flatMap(([, s]) =>
			(s.volumes ?? [])
				.map((v) => String(v).split(':')[0]!)
				.filter((source) => !source.startsWith('.') && !source.startsWith('/')),
		);
		assert.deepEqual(
			named.filter((source) => !declared.has(source)),
			[],
		);
		for (const [service, volume] of [
			['postgres', 'postgres-data'],
			['redis', 'redis-data'],
			['chatwoot-rails', 'chatwoot-storage'],
			['directus', 'directus-uploads'],
		] as const) {
			assert.ok(
				compose.services[service]!.volumes!.some((v) => String(v).startsWith(`${volume}:`)),
				`${service} → ${volume}`,
			);
		}
	});

	it('should run n8n in queue mode with a main, a webhook processor and a scalable worker', () => {
		const n8n = ['n8n', 'n8n-webhook', 'n8n-worker'].map((name) => compose.services[name]!);
		const envs = n8n.map(environmentOf);
		for (const env of envs) {
			assert.equal(env.EXECUTIONS_MODE, 'queue');
			assert.equal(env.N8N_ENCRYPTION_KEY, '${N8N_ENCRYPTION_KEY}');
			assert.equal(env.QUEUE_BULL_REDIS_HOST, 'redis');
		}
		const brokerPorts = envs.map((env) => env.N8N_RUNNERS_BROKER_PORT);
		assert.equal(new Set(brokerPorts).size, 3, 'each process has its own task-broker port');
		assert.deepEqual(
			n8n.map((s) => s.command),
			['start', 'webhook', ['worker', '--concurrency=${N8N_WORKER_CONCURRENCY:-10}']],
		);
		assert.equal(envs[0]!.N8N_DISABLE_PRODUCTION_MAIN_PROCESS, 'true');
		const worker = compose.services['n8n-worker']!;
		assert.equal(worker.container_name, undefined, 'a container_name would stop --scale');
		assert.equal(worker.ports, undefined);
	});

	it('should build our three images from Dockerfiles in compose/ with the repository as context', () => {
		for (const [name, dockerfile] of [
			['n8n', 'compose/n8n/Dockerfile'],
			['directus', 'compose/directus/Dockerfile'],
			['gateway', 'compose/gateway/Dockerfile'],
		] as const) {
			assert.deepEqual(compose.services[name]!.build, { context: '..', dockerfile });
		}
	});
});
