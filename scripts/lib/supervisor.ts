import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delayFor } from '@switchboard/glue/common';
import { startDirectus, type DirectusHandle } from './directus.ts';
import type { ManagedProcess } from './managed-process.ts';
import { startN8n, type N8nHandle } from './n8n.ts';
import { installNodePackage } from './n8n-package.ts';
import { assertPortFree, freePorts } from './ports.ts';
import { assertPostgresReachable, databaseUrl, dropDatabase, ensureDatabase } from './postgres.ts';
import { assertNodeVersion, locateRuntimes } from './runtimes.ts';

export interface StackOptions {
	/** A PostgreSQL URL with the right to create databases; each app gets its own database there. */
	postgresUrl: string;
	redisUrl: string;
	databases: { n8n: string; directus: string };
	/** Drop both databases on stop (test runs); the local stack keeps them. */
	dropDatabasesOnStop: boolean;
	/** Per-instance files: logs/, n8n/ (user folder), directus/ (uploads, extensions). */
	stateDir: string;
	removeStateDirOnStop: boolean;
	ports: { n8n: number; n8nBroker: number; directus: number };
	admin: { email: string; password: string };
	secrets: { n8nEncryptionKey: string; directusSecret: string; directusAdminToken: string };
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
	/** The running n8n; replaced by startN8n after a stopN8n, and by each restart. */
	readonly n8n: N8nHandle;
	/** The running Directus; replaced by each restart. */
	readonly directus: DirectusHandle;
	logDir: string;
	/**
	 * Stops n8n alone (Directus keeps running), e.g. to show that intake survives an n8n outage;
	 * it is not restarted until startN8n.
	 */
	stopN8n(): Promise<void>;
	/** Starts n8n again on the same port, database and user folder. */
	startN8n(): Promise<N8nHandle>;
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
	await assertPortFree(options.ports.directus, 'Directus');
	await ensureDatabase(options.postgresUrl, options.databases.n8n);
	await ensureDatabase(options.postgresUrl, options.databases.directus);
	const logDir = join(options.stateDir, 'logs');
	mkdirSync(logDir, { recursive: true });

	const cleanUp = async () => {
		if (options.dropDatabasesOnStop) {
			await dropDatabase(options.postgresUrl, options.databases.n8n);
			await dropDatabase(options.postgresUrl, options.databases.directus);
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
	};
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
	const started = await Promise.allSettled([
		startN8n(n8nOptions, runtimes),
		startDirectus(directusOptions, runtimes),
	]);
	const [n8n, directus] = started;
	if (n8n.status === 'rejected' || directus.status === 'rejected') {
		// One came up, the other did not: stop the survivor so nothing is left running.
		if (n8n.status === 'fulfilled') await n8n.value.process.stop();
		if (directus.status === 'fulfilled') await directus.value.process.stop();
		if (!process.env.SWITCHBOARD_KEEP_FAILED) await cleanUp();
		throw n8n.status === 'rejected' ? n8n.reason : (directus as PromiseRejectedResult).reason;
	}

	const n8nRuntime = supervise(
		'n8n',
		n8n.value,
		() => startN8n(n8nOptions, runtimes),
		options.restart,
	);
	const directusRuntime = supervise(
		'Directus',
		directus.value,
		() => startDirectus(directusOptions, runtimes),
		options.restart,
	);
	let stopping: Promise<void> | undefined;
	return {
		get n8n() {
			return n8nRuntime.current;
		},
		get directus() {
			return directusRuntime.current;
		},
		logDir,
		stopN8n: () => n8nRuntime.pause(),
		startN8n: () => n8nRuntime.resume(),
		stopDirectus: () => directusRuntime.pause(),
		startDirectus: () => directusRuntime.resume(),
		stop() {
			stopping ??= (async () => {
				await Promise.all([n8nRuntime.stop(), directusRuntime.stop()]);
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
): Promise<StackOptions> {
	const [n8nPort, brokerPort, directusPort] = await freePorts(3);
	const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	return {
		postgresUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
		redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
		databases: { n8n: `sbtest_${runId}_n8n`, directus: `sbtest_${runId}_directus` },
		dropDatabasesOnStop: true,
		stateDir: mkdtempSync(join(tmpdir(), `switchboard-${runId}-`)),
		removeStateDirOnStop: true,
		ports: { n8n: n8nPort!, n8nBroker: brokerPort!, directus: directusPort! },
		nodePackage: { build: false },
		admin: { email: 'admin@example.com', password: `Test-${secret(9)}` },
		secrets: {
			n8nEncryptionKey: secret(),
			directusSecret: secret(32),
			directusAdminToken: secret(),
		},
	};
}
