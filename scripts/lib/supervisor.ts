import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delayFor } from '@switchboard/glue/common';
import { adoptDirectusAdmin, createFromTemplate } from './db-templates.ts';
import { startDirectus, type DirectusHandle } from './directus.ts';
import type { ManagedProcess } from './managed-process.ts';
import { n8nEnv, startN8n, type N8nHandle } from './n8n.ts';
import { installNodePackage } from './n8n-package.ts';
import {
	startN8nWebhook,
	startN8nWorker,
	type N8nProcessHandle,
	type N8nWorkerHandle,
} from './n8n-queue.ts';
import { assertPortFree, freePorts } from './ports.ts';
import { assertPostgresReachable, databaseUrl, dropDatabase, ensureDatabase } from './postgres.ts';
import { deleteKeysWithPrefix } from './redis.ts';
import { assertNodeVersion, locateRuntimes } from './runtimes.ts';
import { StackError } from './stack-error.ts';

export interface StackOptions {
	/** A PostgreSQL URL with the right to create databases; each app gets its own database there. */
	postgresUrl: string;
	redisUrl: string;
	databases: { n8n: string; directus: string };
	/** Drop both databases on stop (test runs); the local stack keeps them. */
	dropDatabasesOnStop: boolean;
	/**
	 * Create both databases as copies of migrated templates (db-templates.ts): test stacks, which
	 * start on new databases every time; unset for the local stack, whose databases persist.
	 */
	databaseTemplates?: boolean;
	/** Per-instance files: logs/, n8n/ (user folder), directus/ (uploads, extensions). */
	stateDir: string;
	removeStateDirOnStop: boolean;
	ports: {
		/** n8n's main process (editor, API) and its task broker. */
		n8n: number;
		n8nBroker: number;
		/** The webhook processor (production /webhook/*), in queue mode. */
		n8nWebhook: number;
		/** One queue worker per entry: its health-check port and its task broker's. */
		n8nWorkers: Array<{ health: number; broker: number }>;
		directus: number;
	};
	/**
	 * `queue` (the default), as compose runs n8n: main, webhook processor and workers on Redis, under
	 * a key prefix named after the n8n database. `regular`: one n8n process that does everything
	 * (the benchmark's comparison). Task runners are external in both.
	 */
	n8nMode?: 'queue' | 'regular';
	/** Executions each worker runs at once (compose: N8N_WORKER_CONCURRENCY, 10). */
	n8nWorkerConcurrency?: number;
	admin: { email: string; password: string };
	secrets: {
		n8nEncryptionKey: string;
		/** N8N_RUNNERS_AUTH_TOKEN: what task runners show n8n's task brokers. */
		n8nRunnersAuthToken: string;
		directusSecret: string;
		directusAdminToken: string;
	};
	/**
	 * Install n8n-nodes-switchboard into n8n's user folder before it starts, as production does;
	 * `build` rebuilds it first (npm start), tests use the build `npm test` made.
	 */
	nodePackage?: { build: boolean } | false;
	/** More Directus settings, e.g. the promotions hook's. */
	directusEnv?: NodeJS.ProcessEnv;
	/**
	 * Restart n8n or Directus when it exits on its own, as compose's `restart: unless-stopped`
	 * does (npm start). Unset: a runtime that dies stays down (tests that stage an outage).
	 */
	restart?: RestartOptions;
}

/** How the supervisor brings back a runtime that exited. */
export interface RestartOptions {
	/** Told each exit, wait and return, e.g. "Directus exited (code 1); restarting in 2 s (restart 1)". */
	say: (line: string) => void;
	/** The first wait; it doubles after each exit in a row, up to `maxDelayMs`. */
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** A runtime that ran this long before exiting starts again from the first wait. */
	stableMs?: number;
}

const RESTART_DEFAULTS = { baseDelayMs: 2000, maxDelayMs: 60_000, stableMs: 30_000 };

/** A runtime kept running: `current` is the live handle, replaced on each restart. */
export interface Supervised<H extends { process: ManagedProcess }> {
	readonly current: H;
	/** How often it has been restarted after exiting on its own. */
	readonly restarts: number;
	/** Stops it and restarts it no more until resume(), e.g. to stage an outage in a test. */
	pause(): Promise<void>;
	resume(): Promise<H>;
	/** Stops it for good; a restart that is waiting or starting is called off. */
	stop(): Promise<void>;
}

/** Stops a webhook processor or a worker, and the worker's task runner with it. */
async function stopN8nProcess(handle: N8nProcessHandle | N8nWorkerHandle): Promise<void> {
	await handle.process.stop();
	if ('runners' in handle) await handle.runners?.stop();
}

function formatDelay(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * Watches `first` and, when its process exits while nobody asked it to, waits (2 s, 4 s, 8 s, …
 * capped) and calls `start` again, until one comes up; says each step. Without `options`, it
 * only keeps the handle: nothing is restarted.
 */
export function supervise<H extends { process: ManagedProcess }>(
	name: string,
	first: H,
	start: () => Promise<H>,
	options: RestartOptions | undefined,
): Supervised<H> {
	const policy = { ...RESTART_DEFAULTS, ...options, attempts: Number.POSITIVE_INFINITY };
	let current = first;
	let state: 'running' | 'paused' | 'stopped' = 'running';
	let restarts = 0;
	let inARow = 0;
	let restarting: Promise<void> | undefined;
	let cancelWait: (() => void) | undefined;

	const wait = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ms);
			cancelWait = () => {
				clearTimeout(timer);
				resolve();
			};
		});

	const bringBack = async (why: string) => {
		while (state === 'running') {
			inARow += 1;
			restarts += 1;
			// No jitter: one machine, one runtime; the cap keeps a crash loop from spinning.
			const delay = delayFor(policy, inARow, null, () => 1);
			options?.say(`${name} ${why}; restarting in ${formatDelay(delay)} (restart ${restarts})`);
			await wait(delay);
			if (state !== 'running') return;
			try {
				const handle = await start();
				if (state !== 'running') return void (await handle.process.stop());
				current = handle;
				options?.say(`${name} is running again (restart ${restarts}).`);
				watch(handle);
				return;
			} catch (error) {
				why = `did not start (${error instanceof Error ? error.message : String(error)})`;
			}
		}
	};

	const watch = (handle: H) => {
		if (!options) return;
		const startedAt = Date.now();
		void handle.process.exited.then((code) => {
			if (state !== 'running' || handle !== current) return;
			if (Date.now() - startedAt >= policy.stableMs) inARow = 0;
			const how = code === null ? 'was killed by a signal' : `exited (code ${code})`;
			restarting = bringBack(how);
		});
	};

	const halt = async (next: 'paused' | 'stopped') => {
		state = next;
		cancelWait?.();
		await restarting;
		await current.process.stop();
	};

	watch(first);
	return {
		get current() {
			return current;
		},
		get restarts() {
			return restarts;
		},
		pause: () => halt('paused'),
		async resume() {
			if (state === 'running') return current;
			const handle = await start();
			current = handle;
			state = 'running';
			watch(handle);
			return handle;
		},
		stop: () => halt('stopped'),
	};
}

export interface Stack {
	/** n8n's main process; replaced by startN8n after a stopN8n, and by each restart. */
	readonly n8n: N8nHandle;
	/** n8n's webhook processor (queue mode), where `n8n.webhookUrl` points; each restart replaces it. */
	readonly n8nWebhook: N8nProcessHandle | undefined;
	/** n8n's queue workers, in the order of `ports.n8nWorkers` (none in regular mode). */
	readonly n8nWorkers: readonly N8nWorkerHandle[];
	/** The running Directus; replaced by each restart. */
	readonly directus: DirectusHandle;
	logDir: string;
	/**
	 * Stops every n8n process (Directus keeps running), e.g. to show that intake survives an n8n
	 * outage; none is restarted until startN8n.
	 */
	stopN8n(): Promise<void>;
	/** Starts them all again on the same ports, database and user folder. */
	startN8n(): Promise<N8nHandle>;
	/** Stops the worker at `index` alone, until startN8nWorker (e.g. to measure one worker of two). */
	stopN8nWorker(index: number): Promise<void>;
	startN8nWorker(index: number): Promise<N8nWorkerHandle>;
	/** Stops Directus alone, e.g. to stage its outage; it is not restarted until startDirectus. */
	stopDirectus(): Promise<void>;
	/** Starts Directus again on the same port, database and folder. */
	startDirectus(): Promise<DirectusHandle>;
	stop(): Promise<void>;
}

/** Starts n8n and Directus side by side and resolves when both are healthy and logged in. */
export async function startStack(options: StackOptions): Promise<Stack> {
	assertNodeVersion();
	const runtimes = locateRuntimes();
	await assertPostgresReachable(options.postgresUrl);
	await assertPortFree(options.ports.n8n, 'n8n');
	await assertPortFree(options.ports.n8nBroker, "n8n's task broker");
	const queue = (options.n8nMode ?? 'queue') === 'queue';
	const workerPorts = queue ? options.ports.n8nWorkers : [];
	if (queue) {
		await assertPortFree(options.ports.n8nWebhook, "n8n's webhook processor");
		for (const [n, ports] of workerPorts.entries()) {
			await assertPortFree(ports.health, `n8n worker ${n + 1}`);
			await assertPortFree(ports.broker, `the task broker of n8n worker ${n + 1}`);
		}
	}
	await assertPortFree(options.ports.directus, 'Directus');
	if (options.databaseTemplates) {
		await createFromTemplate(options.postgresUrl, options.databases.n8n, 'n8n', runtimes);
		const directusDb = options.databases.directus;
		if (await createFromTemplate(options.postgresUrl, directusDb, 'directus', runtimes)) {
			await adoptDirectusAdmin(
				databaseUrl(options.postgresUrl, directusDb),
				{ ...options.admin, token: options.secrets.directusAdminToken },
				runtimes,
			);
		}
	} else {
		await ensureDatabase(options.postgresUrl, options.databases.n8n);
		await ensureDatabase(options.postgresUrl, options.databases.directus);
	}
	const logDir = join(options.stateDir, 'logs');
	mkdirSync(logDir, { recursive: true });

	// n8n's keys in Redis (jobs, pub/sub, cache) start with its database's name: one per stack.
	const redisPrefix = options.databases.n8n;
	const cleanUp = async () => {
		if (options.dropDatabasesOnStop) {
			await dropDatabase(options.postgresUrl, options.databases.n8n);
			await dropDatabase(options.postgresUrl, options.databases.directus);
			// Directus's (lock, bus, counters) too: its namespaces start with its database's name.
			for (const prefix of [redisPrefix, options.databases.directus]) {
				await deleteKeysWithPrefix(options.redisUrl, prefix).catch(() => undefined);
			}
		}
		if (options.removeStateDirOnStop) rmSync(options.stateDir, { recursive: true, force: true });
	};

	if (options.nodePackage) {
		installNodePackage(join(options.stateDir, 'n8n'), { build: options.nodePackage.build });
	}
	const n8nOptions = {
		port: options.ports.n8n,
		brokerPort: options.ports.n8nBroker,
		databaseUrl: databaseUrl(options.postgresUrl, options.databases.n8n),
		userFolder: join(options.stateDir, 'n8n'),
		logFile: join(logDir, 'n8n.log'),
		owner: options.admin,
		encryptionKey: options.secrets.n8nEncryptionKey,
		runnersAuthToken: options.secrets.n8nRunnersAuthToken,
		...(queue
			? {
					queue: {
						redisUrl: options.redisUrl,
						prefix: redisPrefix,
						webhookPort: options.ports.n8nWebhook,
					},
				}
			: {}),
	};
	// The others take main's environment as it is now (a restarted main has a new owner hash).
	const startWebhook = (
		mainEnv: NodeJS.ProcessEnv = n8nRuntime.current.env,
	): Promise<N8nProcessHandle> =>
		startN8nWebhook(
			{
				name: 'n8n-webhook',
				mainEnv,
				userFolder: n8nOptions.userFolder,
				logFile: join(logDir, 'n8n-webhook.log'),
				port: options.ports.n8nWebhook,
			},
			runtimes,
		);
	const startWorker = (
		index: number,
		mainEnv: NodeJS.ProcessEnv = n8nRuntime.current.env,
	): Promise<N8nWorkerHandle> =>
		startN8nWorker(
			{
				name: `n8n-worker-${index + 1}`,
				mainEnv,
				userFolder: n8nOptions.userFolder,
				logFile: join(logDir, `n8n-worker-${index + 1}.log`),
				runnerLogFile: join(logDir, `n8n-worker-${index + 1}-runner.log`),
				healthPort: workerPorts[index]!.health,
				brokerPort: workerPorts[index]!.broker,
				concurrency: options.n8nWorkerConcurrency ?? 10,
			},
			runtimes,
		);
	const directusOptions = {
		port: options.ports.directus,
		databaseUrl: databaseUrl(options.postgresUrl, options.databases.directus),
		redisUrl: options.redisUrl,
		dataDir: join(options.stateDir, 'directus'),
		logFile: join(logDir, 'directus.log'),
		admin: { ...options.admin, token: options.secrets.directusAdminToken },
		secret: options.secrets.directusSecret,
		extraEnv: options.directusEnv,
	};
	// All at once: n8n migrates under a Postgres advisory lock, which the others wait for, and seeds
	// its instance identity insert-or-ignore; starting them one after another cost 10-25 s a stack.
	const startAllN8n = async (): Promise<{
		main: N8nHandle;
		webhook: N8nProcessHandle | undefined;
		workers: N8nWorkerHandle[];
	}> => {
		const mainEnv = n8nEnv(n8nOptions, runtimes);
		const all = await Promise.allSettled([
			startN8n(n8nOptions, runtimes, mainEnv),
			...(queue
				? [startWebhook(mainEnv), ...workerPorts.map((_, index) => startWorker(index, mainEnv))]
				: []),
		]);
		const failed = all.find((result) => result.status === 'rejected');
		if (failed) {
			for (const result of all.slice(1)) {
				if (result.status === 'fulfilled') await stopN8nProcess(result.value as N8nProcessHandle);
			}
			if (all[0]!.status === 'fulfilled') await (all[0].value as N8nHandle).process.stop();
			throw failed.reason;
		}
		const [main, webhook, ...workers] = all.map(
			(result) => (result as PromiseFulfilledResult<unknown>).value,
		);
		return {
			main: main as N8nHandle,
			webhook: webhook as N8nProcessHandle | undefined,
			workers: workers as N8nWorkerHandle[],
		};
	};
	const started = await Promise.allSettled([
		startAllN8n(),
		startDirectus(directusOptions, runtimes),
	]);
	const [n8n, directus] = started;
	if (n8n.status === 'rejected' || directus.status === 'rejected') {
		// One came up, the other did not: stop the survivor so nothing is left running.
		if (n8n.status === 'fulfilled') {
			for (const handle of [n8n.value.webhook, ...n8n.value.workers]) {
				if (handle) await stopN8nProcess(handle);
			}
			await n8n.value.main.process.stop();
		}
		if (directus.status === 'fulfilled') await directus.value.process.stop();
		if (!process.env.SWITCHBOARD_KEEP_FAILED) await cleanUp();
		throw n8n.status === 'rejected' ? n8n.reason : (directus as PromiseRejectedResult).reason;
	}

	const n8nRuntime = supervise(
		'n8n',
		n8n.value.main,
		() => startN8n(n8nOptions, runtimes),
		options.restart,
	);
	const webhookRuntime = n8n.value.webhook
		? supervise("n8n's webhook processor", n8n.value.webhook, () => startWebhook(), options.restart)
		: undefined;
	const workerRuntimes = n8n.value.workers.map((worker, index) =>
		supervise(`n8n worker ${index + 1}`, worker, () => startWorker(index), options.restart),
	);
	const haltWorker = async (runtime: Supervised<N8nWorkerHandle>, how: 'pause' | 'stop') => {
		await runtime[how]();
		await runtime.current.runners?.stop();
	};
	// Webhook processor and workers before main, which would otherwise still queue executions.
	const haltN8n = async (how: 'pause' | 'stop') => {
		await Promise.all([
			webhookRuntime?.[how](),
			...workerRuntimes.map((runtime) => haltWorker(runtime, how)),
		]);
		await n8nRuntime[how]();
		await n8nRuntime.current.runners?.stop();
	};
	const directusRuntime = supervise(
		'Directus',
		directus.value,
		() => startDirectus(directusOptions, runtimes),
		options.restart,
	);
	const workerRuntime = (index: number) => {
		const runtime = workerRuntimes[index];
		if (!runtime)
			throw new StackError(`There is no n8n worker ${index + 1} (${workerRuntimes.length} run).`);
		return runtime;
	};
	let stopping: Promise<void> | undefined;
	return {
		get n8n() {
			return n8nRuntime.current;
		},
		get n8nWebhook() {
			return webhookRuntime?.current;
		},
		get n8nWorkers() {
			return workerRuntimes.map((runtime) => runtime.current);
		},
		get directus() {
			return directusRuntime.current;
		},
		logDir,
		stopN8n: () => haltN8n('pause'),
		async startN8n() {
			const [main] = await Promise.all([
				n8nRuntime.resume(),
				webhookRuntime?.resume(),
				...workerRuntimes.map((runtime) => runtime.resume()),
			]);
			return main;
		},
		stopN8nWorker: (index) => haltWorker(workerRuntime(index), 'pause'),
		startN8nWorker: (index) => workerRuntime(index).resume(),
		stopDirectus: () => directusRuntime.pause(),
		startDirectus: () => directusRuntime.resume(),
		stop() {
			stopping ??= (async () => {
				await Promise.all([haltN8n('stop'), directusRuntime.stop()]);
				await cleanUp();
			})();
			return stopping;
		},
	};
}

const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

/**
 * Options for a throw-away stack: free ports, databases named after a fresh run id (so parallel runs
 * never see each other's data), a temporary state folder, all removed on stop.
 */
export async function testStackOptions(
	env: NodeJS.ProcessEnv = process.env,
	{ n8nWorkers = 1 }: { n8nWorkers?: number } = {},
): Promise<StackOptions> {
	const [n8nPort, brokerPort, webhookPort, directusPort, ...workerPorts] = await freePorts(
		4 + 2 * n8nWorkers,
	);
	const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	return {
		postgresUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
		redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
		databases: { n8n: `sbtest_${runId}_n8n`, directus: `sbtest_${runId}_directus` },
		dropDatabasesOnStop: true,
		databaseTemplates: true,
		stateDir: mkdtempSync(join(tmpdir(), `switchboard-${runId}-`)),
		removeStateDirOnStop: true,
		ports: {
			n8n: n8nPort!,
			n8nBroker: brokerPort!,
			n8nWebhook: webhookPort!,
			n8nWorkers: Array.from({ length: n8nWorkers }, (_, n) => ({
				health: workerPorts[2 * n]!,
				broker: workerPorts[2 * n + 1]!,
			})),
			directus: directusPort!,
		},
		nodePackage: { build: false },
		admin: { email: 'admin@example.com', password: `Test-${secret(9)}` },
		secrets: {
			n8nEncryptionKey: secret(),
			n8nRunnersAuthToken: secret(),
			directusSecret: secret(32),
			directusAdminToken: secret(),
		},
	};
}
