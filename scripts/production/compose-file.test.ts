// Static checks of compose/docker-compose.yml (there is no Docker engine here to run it).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { gatewayEnvSchema, parseGatewayConfig } from '@switchboard/glue/gateway';
import { readPins } from '../lib/runtimes.ts';
import { imageTag, isPinnedImage } from './image-pins.ts';
import {
	GATEWAY_REPLICAS,
	heldBackServices,
	interpolate,
	loadComposeFile,
	parseComposeText,
	waitingServices,
	type ComposeService,
} from './compose.ts';
import { parseEnvText } from './env-file.ts';
import { paths } from './paths.ts';
import { ensureSecrets, productionSecrets } from './secrets.ts';

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

/** A service's environment as the container gets it from this .env. */
function containerEnv(
	service: ComposeService,
	env: Record<string, string>,
): Record<string, string> {
	return Object.fromEntries(
		Object.entries(environmentOf(service)).map(([name, value]) => [name, interpolate(value, env)]),
	);
}

/** .env as bootstrap.ts makes it from .env.example, plus what a person pastes from Chatwoot. */
function bootstrappedEnv(extra: Record<string, string> = {}): Record<string, string> {
	const dir = mkdtempSync(join(tmpdir(), 'sb-compose-env-'));
	try {
		const envFile = join(dir, '.env');
		ensureSecrets({ envFile, exampleFile: paths.envExample });
		return { ...parseEnvText(readFileSync(envFile, 'utf8')), ...extra };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
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

	it('should run Chatwoot 4.15.x with private-network webhooks refused (compose-review.test.ts)', () => {
		for (const name of ['chatwoot-rails', 'chatwoot-sidekiq']) {
			const service = compose.services[name]!;
			assert.match(service.image!, /^chatwoot\/chatwoot:v4\.15\.\d+$/);
			assert.equal(environmentOf(service).SAFE_FETCH_ALLOW_PRIVATE_NETWORK, 'false');
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

	it('should run n8n in queue mode with a main, a webhook processor and workers', () => {
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
		assert.equal(worker.ports, undefined);
		assert.deepEqual(compose.services['n8n-worker-2'], worker, 'the second pair is the first');
	});

	describe('gateway replicas', () => {
		const replicas = GATEWAY_REPLICAS.map((name) => compose.services[name]);

		it('should run at least two gateways, identical but for their name, on one ledger', () => {
			assert.ok(replicas.length >= 2);
			for (const [index, replica] of replicas.entries()) {
				assert.ok(replica, `no service ${GATEWAY_REPLICAS[index]}`);
				assert.deepEqual(replica, compose.services.gateway, GATEWAY_REPLICAS[index]);
			}
			const env = bootstrappedEnv({
				CHATWOOT_API_TOKEN: 'admin-access-token',
				CHATWOOT_BOT_SECRET: 'bot-secret-0001',
			});
			const ledgers = replicas.map((r) => parseGatewayConfig(containerEnv(r!, env)).databaseUrl);
			assert.equal(new Set(ledgers).size, 1, 'they share the ledger');
		});

		it('should not name, publish or pin their containers, so one can restart while the other serves', () => {
			for (const replica of replicas) {
				assert.equal(replica!.container_name, undefined);
				assert.equal(replica!.ports, undefined);
				assert.equal(replica!.restart, 'unless-stopped');
				assert.ok(networksOf(replica!).includes('apps'), 'Newt reaches them on apps');
			}
			// The other services start without waiting for a gateway: none depends on one.
			const dependsOn = (service: ComposeService): string[] => {
				const deps = service.depends_on as string[] | Record<string, unknown> | undefined;
				return Array.isArray(deps) ? deps : Object.keys(deps ?? {});
			};
			const dependents = services
				.filter(([, s]) => dependsOn(s).some((d) => d.startsWith('gateway')))
				.map(([name]) => name);
			assert.deepEqual(dependents, []);
		});

		it('should hold every replica back while the gateway waits for Chatwoot', () => {
			assert.deepEqual(
				heldBackServices(bootstrappedEnv()).filter((s) => s.startsWith('gateway')),
				[...GATEWAY_REPLICAS],
			);
		});
	});

	describe('gateway environment', () => {
		const gateway = compose.services.gateway!;
		const schemaKeys = Object.keys(gatewayEnvSchema.shape);
		const fromChatwoot = {
			CHATWOOT_API_TOKEN: 'admin-access-token',
			CHATWOOT_BOT_SECRET: 'bot-secret-0001',
		};

		it('should set every variable the gateway requires, and only what the gateway reads', () => {
			const required = Object.entries(gatewayEnvSchema.shape)
				.filter(([, schema]) => !schema.safeParse(undefined).success)
				.map(([name]) => name);
			assert.deepEqual(required.sort(), [
				'DATABASE_URL',
				'GATEWAY_FORWARD_SECRET',
				'N8N_INBOUND_WEBHOOK_URL',
			]);
			const set = Object.keys(environmentOf(gateway));
			assert.deepEqual(
				schemaKeys.filter((name) => !set.includes(name)),
				[],
				'every tuning variable of .env.example reaches the gateway',
			);
			assert.deepEqual(
				set.filter(
					(name) => !schemaKeys.includes(name) && !['NODE_ENV', 'NODE_OPTIONS'].includes(name),
				),
				[],
				'a variable nothing reads',
			);
		});

		it('should start the gateway with a bootstrapped .env once Chatwoot has given its values', () => {
			const env = containerEnv(gateway, bootstrappedEnv(fromChatwoot));
			const config = parseGatewayConfig(env);
			assert.equal(config.port, 8080);
			assert.equal(config.n8n.webhookUrl, 'http://n8n-webhook:5678/webhook/switchboard/inbound');
			assert.deepEqual(config.webhookSecrets.agentBot, ['bot-secret-0001']);
			assert.ok(config.reconcile.intervalMs > 0, "the gateway's defaults apply to empty values");
			assert.deepEqual(config.chatwoot, {
				url: 'http://chatwoot-rails:3000',
				apiToken: 'admin-access-token',
				accountId: 1,
			});
			// The ledger lives in the Directus database (DESIGN.md §3), as the Directus role.
			const database = new URL(config.databaseUrl);
			assert.equal(database.hostname, 'postgres');
			assert.equal(database.pathname, '/directus');
			assert.equal(database.username, environmentOf(compose.services.directus!).DB_USER);
		});

		it('should forward to a webhook that the n8n webhook processor serves', () => {
			const url = new URL(containerEnv(gateway, bootstrappedEnv()).N8N_INBOUND_WEBHOOK_URL!);
			const webhook = compose.services[url.hostname];
			assert.ok(webhook, `no service ${url.hostname}`);
			assert.equal(webhook.command, 'webhook');
			assert.equal(environmentOf(webhook).N8N_PORT, url.port);
			assert.equal(url.pathname, '/webhook/switchboard/inbound');
		});

		it('should be held back exactly while its environment would not start it', () => {
			const before = bootstrappedEnv();
			assert.throws(() => parseGatewayConfig(containerEnv(gateway, before)), /CHATWOOT_/);
			assert.ok(waitingServices(before).some((w) => w.service === 'gateway'));
			const ready = bootstrappedEnv(fromChatwoot);
			assert.ok(!waitingServices(ready).some((w) => w.service === 'gateway'));
		});
	});

	it('should let Directus post promotions to n8n with a generated secret', () => {
		const env = environmentOf(compose.services.directus!);
		const url = new URL(env.SWITCHBOARD_PROMOTION_WEBHOOK_URL!);
		assert.equal(compose.services[url.hostname]?.command, 'webhook');
		assert.equal(url.pathname, '/webhook/switchboard/promotion');
		assert.equal(
			env.SWITCHBOARD_PROMOTION_WEBHOOK_SECRET,
			'${SWITCHBOARD_PROMOTION_WEBHOOK_SECRET}',
		);
		assert.ok(productionSecrets.some((s) => s.name === 'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET'));
		assert.ok(networksOf(compose.services.directus!).includes('apps'));
	});

	describe('.env.example', () => {
		const variableLine = /^([A-Z][A-Z0-9_]*)=/;

		it('should describe every variable in a comment right above it or above its group', () => {
			const lines = envExample.split('\n');
			const bare = lines.flatMap((line, index) => {
				const name = variableLine.exec(line)?.[1];
				if (!name) return [];
				let above = index - 1;
				while (above >= 0 && variableLine.test(lines[above]!)) above -= 1;
				const comment = lines[above] ?? '';
				return comment.startsWith('#') && !/^# -+$/.test(comment) ? [] : [name];
			});
			assert.deepEqual(bare, []);
		});

		it('should list no production variable that nothing reads', () => {
			const production = envExample.slice(envExample.indexOf('# Production (compose)'));
			const names = production
				.split('\n')
				.map((line) => variableLine.exec(line)?.[1])
				.filter((name) => name !== undefined);
			assert.ok(names.length > 30);
			// Compose and the Pangolin templates substitute ${NAME}; the scripts read env.NAME.
			const templates = readdirSync(paths.pangolinTemplates, { recursive: true, encoding: 'utf8' })
				.filter((file) => /\.ya?ml$/.test(file))
				.map((file) => readFileSync(join(paths.pangolinTemplates, file), 'utf8'));
			const productionScripts = readdirSync(import.meta.dirname)
				.filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
				.map((file) => readFileSync(join(import.meta.dirname, file), 'utf8'));
			// …and the shared helpers they import from scripts/lib (e.g. the mail addresses).
			const shared = [
				...new Set(
					productionScripts.flatMap((source) =>
						[...source.matchAll(/'\.\.\/lib\/([\w-]+\.ts)'/g)].map((m) => m[1]!),
					),
				),
			].map((file) => readFileSync(join(import.meta.dirname, '..', 'lib', file), 'utf8'));
			const scripts = [...productionScripts, ...shared];
			const unread = names.filter(
				(name) =>
					![text, ...templates].some((source) => source.includes(`\${${name}`)) &&
					!scripts.some((source) => new RegExp(`\\b${name}\\b`).test(source)),
			);
			assert.deepEqual(unread, []);
		});
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
