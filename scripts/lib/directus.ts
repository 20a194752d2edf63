import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedDirectusExtensions } from '../../directus/extensions/build.ts';
import { adoptDirectusAdmin, createFromTemplate } from './db-templates.ts';
import { ManagedProcess, runToCompletion } from './managed-process.ts';
import { freePorts } from './ports.ts';
import { databaseUrl, dropDatabase } from './postgres.ts';
import { StackError } from './stack-error.ts';
import { locateRuntimes, type Runtimes } from './runtimes.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface DirectusOptions {
	port: number;
	databaseUrl: string;
	redisUrl?: string;
	/** Holds uploads/ of this instance. */
	dataDir: string;
	/** EXTENSIONS_PATH; default: ours from directus/extensions/, built with the SDK (cached). */
	extensionsDir?: string;
	logFile: string;
	admin: { email: string; password: string; token: string };
	secret: string;
	extraEnv?: NodeJS.ProcessEnv;
}

export interface DirectusHandle {
	url: string;
	version: string;
	adminToken: string;
	process: ManagedProcess;
}

/**
 * Directus's keys and channels in Redis, under its database's name: with the defaults
 * (`directus:lock`, …) test stacks on the shared Redis took each other's schema-cache lock, and a
 * bootstrap failed with "Failed to get Schema information: hit infinite loop".
 */
function redisNamespaces(databaseUrl: string): NodeJS.ProcessEnv {
	const name = new URL(databaseUrl).pathname.slice(1);
	return {
		REDIS_LOCK_NAMESPACE: `${name}:lock`,
		REDIS_BUS_NAMESPACE: `${name}:bus`,
		REDIS_COUNTERS_NAMESPACE: `${name}:counters`,
		REDIS_PERMISSIONS_NAMESPACE: `${name}:permissions`,
		SYNCHRONIZATION_NAMESPACE: `${name}:sync`,
		CACHE_NAMESPACE: `${name}:cache`,
	};
}

export function directusEnv(options: DirectusOptions): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		// Directus reads a .env in its working directory and lets it override these; the runtime folder
		// it runs in has none, so this environment is the whole configuration.
		HOST: '127.0.0.1',
		PORT: String(options.port),
		PUBLIC_URL: `http://localhost:${options.port}`,
		SECRET: options.secret,
		DB_CLIENT: 'pg',
		DB_CONNECTION_STRING: options.databaseUrl,
		ADMIN_EMAIL: options.admin.email,
		ADMIN_PASSWORD: options.admin.password,
		ADMIN_TOKEN: options.admin.token,
		STORAGE_LOCATIONS: 'local',
		STORAGE_LOCAL_ROOT: join(options.dataDir, 'uploads'),
		EXTENSIONS_PATH: options.extensionsDir ?? join(options.dataDir, 'extensions'),
		// An extension that fails to load stops Directus, as in production (compose).
		EXTENSIONS_MUST_LOAD: 'true',
		EXTENSIONS_AUTO_RELOAD: 'false',
		...(options.redisUrl
			? { REDIS: options.redisUrl, ...redisNamespaces(options.databaseUrl) }
			: {}),
		CACHE_ENABLED: 'false',
		TELEMETRY: 'false',
		// No mail transport here; otherwise /server/health checks sendmail.
		EMAIL_VERIFY_SETUP: 'false',
		WEBSOCKETS_ENABLED: 'false',
		// On a loaded 2-core machine the event-loop pressure limiter answers 503 "Under pressure" to the
		// setup steps and tests; a local stack serves one user, so it stays off (production keeps it).
		PRESSURE_LIMITER_ENABLED: 'false',
		LOG_LEVEL: 'info',
		LOG_STYLE: 'raw',
		...options.extraEnv,
	};
}

export async function startDirectus(
	options: DirectusOptions,
	runtimes: Runtimes,
): Promise<DirectusHandle> {
	mkdirSync(join(options.dataDir, 'uploads'), { recursive: true });
	const extensionsDir =
		options.extensionsDir ?? (await cachedDirectusExtensions(runtimes.directusRoot));
	mkdirSync(extensionsDir, { recursive: true });
	const spec = {
		command: process.execPath,
		env: directusEnv({ ...options, extensionsDir }),
		cwd: runtimes.directusRoot,
		logFile: options.logFile,
	};
	// bootstrap installs the system tables on an empty database and migrates an existing one; start does neither.
	const boot = await runToCompletion({
		...spec,
		name: 'directus bootstrap',
		args: [runtimes.directusCli, 'bootstrap'],
	});
	if (boot.code !== 0) {
		throw new StackError(`Directus bootstrap failed (see ${options.logFile}).`, boot.tail);
	}
	const proc = new ManagedProcess({
		...spec,
		name: 'directus',
		args: [runtimes.directusCli, 'start'],
	});
	const url = `http://127.0.0.1:${options.port}`;
	try {
		await waitForHttp(`${url}/server/ping`, `Directus ${runtimes.directusVersion}`, {
			timeoutMs: 120_000,
			process: proc,
		});
		const version = await readVersion(url, options.admin.token);
		return { url, version, adminToken: options.admin.token, process: proc };
	} catch (err) {
		await proc.stop();
		throw err;
	}
}

/** /server/info reports the version to an admin only. */
export async function readVersion(url: string, adminToken: string): Promise<string> {
	const res = await fetch(`${url}/server/info`, {
		headers: { authorization: `Bearer ${adminToken}` },
	});
	const body = (await res.json()) as { data?: { version?: string } };
	if (!body.data?.version)
		throw new StackError(`Directus at ${url} did not report its version (HTTP ${res.status}).`);
	return body.data.version;
}

export interface TestDirectus extends DirectusHandle {
	/** The instance's own database, e.g. for the log store's migrations. */
	databaseUrl: string;
	/** Stops Directus, drops its database and removes its folder. */
	stop(): Promise<void>;
}

/**
 * Directus alone on a free port with a fresh database and folder, for one test file. Needs the
 * runtime installed (`npm run runtimes`) and the PostgreSQL at DATABASE_URL.
 */
export async function startTestDirectus(
	options: { extraEnv?: NodeJS.ProcessEnv; env?: NodeJS.ProcessEnv } = {},
): Promise<TestDirectus> {
	const env = options.env ?? process.env;
	const runtimes = locateRuntimes(env);
	const adminUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const [port] = await freePorts(1);
	const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	const database = `sbtest_${runId}_directus`;
	const dataDir = mkdtempSync(join(tmpdir(), `switchboard-directus-${runId}-`));
	const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
	const admin = { email: 'admin@example.com', password: `Test-${secret(9)}`, token: secret(24) };
	await createFromTemplate(adminUrl, database, 'directus', runtimes);
	await adoptDirectusAdmin(databaseUrl(adminUrl, database), admin, runtimes);
	const cleanUp = async () => {
		await dropDatabase(adminUrl, database);
		rmSync(dataDir, { recursive: true, force: true });
	};
	let handle: DirectusHandle;
	try {
		handle = await startDirectus(
			{
				port: port!,
				databaseUrl: databaseUrl(adminUrl, database),
				dataDir,
				logFile: join(dataDir, 'directus.log'),
				admin,
				secret: secret(32),
				extraEnv: options.extraEnv,
			},
			runtimes,
		);
	} catch (err) {
		if (!env.SWITCHBOARD_KEEP_FAILED) await cleanUp();
		throw err;
	}
	let stopping: Promise<void> | undefined;
	return {
		...handle,
		databaseUrl: databaseUrl(adminUrl, database),
		stop() {
			stopping ??= handle.process.stop().then(cleanUp);
			return stopping;
		},
	};
}
