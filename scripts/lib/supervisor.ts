import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDirectus, type DirectusHandle } from './directus.ts';
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
}

export interface Stack {
	/** The running n8n; replaced by startN8n after a stopN8n. */
	n8n: N8nHandle;
	directus: DirectusHandle;
	logDir: string;
	/** Stops n8n alone (Directus keeps running), e.g. to show that intake survives an n8n outage. */
	stopN8n(): Promise<void>;
	/** Starts n8n again on the same port, database and user folder. */
	startN8n(): Promise<N8nHandle>;
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
	const started = await Promise.allSettled([
		startN8n(n8nOptions, runtimes),
		startDirectus(
			{
				port: options.ports.directus,
				databaseUrl: databaseUrl(options.postgresUrl, options.databases.directus),
				redisUrl: options.redisUrl,
				dataDir: join(options.stateDir, 'directus'),
				logFile: join(logDir, 'directus.log'),
				admin: { ...options.admin, token: options.secrets.directusAdminToken },
				secret: options.secrets.directusSecret,
				extraEnv: options.directusEnv,
			},
			runtimes,
		),
	]);
	const [n8n, directus] = started;
	if (n8n.status === 'rejected' || directus.status === 'rejected') {
		// One came up, the other did not: stop the survivor so nothing is left running.
		if (n8n.status === 'fulfilled') await n8n.value.process.stop();
		if (directus.status === 'fulfilled') await directus.value.process.stop();
		if (!process.env.SWITCHBOARD_KEEP_FAILED) await cleanUp();
		throw n8n.status === 'rejected' ? n8n.reason : (directus as PromiseRejectedResult).reason;
	}

	let stopping: Promise<void> | undefined;
	const stack: Stack = {
		n8n: n8n.value,
		directus: directus.value,
		logDir,
		stopN8n: () => stack.n8n.process.stop(),
		async startN8n() {
			stack.n8n = await startN8n(n8nOptions, runtimes);
			return stack.n8n;
		},
		stop() {
			stopping ??= (async () => {
				await Promise.all([stack.n8n.process.stop(), directus.value.process.stop()]);
				await cleanUp();
			})();
			return stopping;
		},
	};
	return stack;
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
