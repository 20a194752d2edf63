// The review of compose against the official setups (issue #14, item 5), point by point, checked
// statically (there is no Docker engine here). What cannot be a test is answered in
// compose/README.md, "Review against the official setups".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadComposeFile, N8N_WORKER_PAIRS, upStackArgs, type ComposeService } from './compose.ts';
import { imageTag } from './image-pins.ts';
import { paths } from './paths.ts';

const compose = loadComposeFile();
const service = (name: string): ComposeService => {
	const found = compose.services[name];
	assert.ok(found, `compose has no service ${name}`);
	return found;
};
const env = (name: string): Record<string, string> =>
	Object.fromEntries(
		Object.entries((service(name).environment ?? {}) as Record<string, unknown>).map(([k, v]) => [
			k,
			String(v),
		]),
	);

/** `640m`, `1g` in MiB. */
function mebibytes(limit: unknown): number {
	const match = /^(\d+)([mg])$/.exec(String(limit));
	assert.ok(match, `mem_limit ${String(limit)} is not <n>m or <n>g`);
	return Number(match[1]) * (match[2] === 'g' ? 1024 : 1);
}

// The worker count compose/README.md documents for an 8 GB server (.env.example N8N_WORKERS).
const DOCUMENTED_WORKERS = 1;
// What the kernel, Docker and the page cache keep of 8 GB.
const HOST_RESERVE_MIB = 1024;

describe('compose review', () => {
	it('should check PostgreSQL over TCP, so it is not healthy while its init scripts run', () => {
		const test = (service('postgres').healthcheck as { test: string[] }).test;
		assert.deepEqual(test.slice(0, 4), ['CMD', 'pg_isready', '-h', '127.0.0.1']);
	});

	it("should keep Chatwoot's private-network webhooks off: the agent bot posts to the public gateway host", () => {
		for (const name of ['chatwoot-rails', 'chatwoot-sidekiq']) {
			assert.equal(env(name).SAFE_FETCH_ALLOW_PRIVATE_NETWORK, 'false', name);
		}
	});

	it("should purge Directus's cache on every edit, so the bot sees changes at once", () => {
		assert.equal(env('directus').CACHE_AUTO_PURGE, 'true');
	});

	it('should allow encoded slashes and question marks on the https entry point as Pangolin ships it', () => {
		const traefik = parse(
			readFileSync(join(paths.pangolinTemplates, 'traefik', 'traefik_config.yml'), 'utf8'),
		) as { entryPoints: { websecure: { http: { encodedCharacters?: Record<string, boolean> } } } };
		assert.deepEqual(traefik.entryPoints.websecure.http.encodedCharacters, {
			allowEncodedSlash: true,
			allowEncodedQuestionMark: true,
		});
	});

	describe('task runners in external mode', () => {
		// n8n main and every worker execute workflows; the webhook processor only queues them.
		const executing = N8N_WORKER_PAIRS.map((pair) => pair.worker);
		const sidecarOf = (name: string) =>
			Object.entries(compose.services).find(([, s]) =>
				(environmentOfRunner(s).N8N_RUNNERS_TASK_BROKER_URI ?? '').startsWith(`http://${name}:`),
			);
		const environmentOfRunner = (s: ComposeService) =>
			(s.environment ?? {}) as Record<string, string | undefined>;

		it('should run every n8n process in external mode, its broker reachable by a sidecar, with the shared token', () => {
			for (const name of ['n8n', 'n8n-webhook', ...executing]) {
				assert.equal(env(name).N8N_RUNNERS_MODE, 'external', name);
				assert.equal(env(name).N8N_RUNNERS_AUTH_TOKEN, '${N8N_RUNNERS_AUTH_TOKEN}', name);
				assert.equal(env(name).N8N_RUNNERS_BROKER_LISTEN_ADDRESS, '0.0.0.0', name);
			}
		});

		it('should give each process that executes workflows its own n8nio/runners sidecar of the same version', () => {
			for (const name of executing) {
				const found = sidecarOf(name);
				assert.ok(found, `${name} has no runner sidecar`);
				const [runnerName, runner] = found;
				assert.equal(runner.image, `n8nio/runners:${imageTag(service(name).image!)}`);
				assert.equal(
					env(runnerName).N8N_RUNNERS_TASK_BROKER_URI,
					`http://${name}:${env(name).N8N_RUNNERS_BROKER_PORT}`,
				);
				assert.equal(env(runnerName).N8N_RUNNERS_AUTH_TOKEN, '${N8N_RUNNERS_AUTH_TOKEN}');
				assert.deepEqual(runner.networks, ['backend'], 'a runner needs no route out');
				assert.deepEqual(Object.keys(runner.depends_on as object), [name]);
			}
			assert.deepEqual(
				N8N_WORKER_PAIRS.map(({ worker }) => sidecarOf(worker)?.[0]),
				N8N_WORKER_PAIRS.map(({ runners }) => runners),
			);
		});

		it("should hand a runner none of n8n's secrets", () => {
			for (const [name, s] of Object.entries(compose.services)) {
				if (!s.image?.startsWith('n8nio/runners:')) continue;
				assert.deepEqual(
					Object.keys(env(name)).filter((key) => /KEY|PASSWORD|SECRET/.test(key)),
					[],
					name,
				);
			}
		});
	});

	describe('memory on an 8 GB server', () => {
		// What first-start starts with the documented worker count, once every value is in .env.
		const stoppedAtZero = upStackArgs({
			N8N_WORKERS: String(DOCUMENTED_WORKERS),
			NEWT_ID: 'i',
			NEWT_SECRET: 's',
			CHATWOOT_BOT_SECRET: 'b',
			CHATWOOT_API_TOKEN: 't',
		})
			.filter((arg) => arg.endsWith('=0'))
			.map((arg) => arg.slice(0, -2));
		const limits = Object.fromEntries(
			Object.entries(compose.services).map(([name, s]) => [name, s.mem_limit]),
		);

		it('should give every service a memory limit', () => {
			assert.deepEqual(
				Object.entries(limits)
					.filter(([, limit]) => limit === undefined)
					.map(([name]) => name),
				[],
			);
		});

		it('should fit every limit, with the documented workers, into 8 GB less what the host keeps', () => {
			assert.deepEqual(stoppedAtZero, ['n8n-worker-2', 'n8n-worker-2-runners']);
			const total = Object.entries(limits)
				.filter(([name]) => !stoppedAtZero.includes(name))
				.reduce((sum, [, limit]) => sum + mebibytes(limit), 0);
			assert.ok(total <= 8192 - HOST_RESERVE_MIB, `limits add up to ${total} MiB`);
		});

		it("should cap each Node process's heap well under its container's limit", () => {
			const node = [
				'n8n',
				'n8n-webhook',
				'n8n-worker',
				'n8n-worker-runners',
				'directus',
				'gateway',
			];
			for (const name of [...node, 'n8n-worker-2', 'gateway-2']) {
				const heap = /--max-old-space-size=(\d+)/.exec(env(name).NODE_OPTIONS ?? '');
				assert.ok(heap, `${name}: NODE_OPTIONS has no --max-old-space-size`);
				const limit = mebibytes(service(name).mem_limit);
				assert.ok(Number(heap[1]) <= limit * 0.75, `${name}: heap ${heap[1]} of ${limit} MiB`);
			}
		});
	});
});
