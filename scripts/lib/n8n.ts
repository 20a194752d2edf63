import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_TEXT_RETENTION_DAYS, n8nExecutionPruneEnv } from '@switchboard/glue/housekeeping';
import { ManagedProcess } from './managed-process.ts';
import { StackError } from './stack-error.ts';
import type { Runtimes } from './runtimes.ts';
import { launchTaskRunners, type TaskRunners } from './task-runner.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface N8nOptions {
	port: number;
	/** n8n's task broker listens on its own port (default 5679); two instances need two. */
	brokerPort: number;
	databaseUrl: string;
	/** Holds .n8n/ (config with the encryption key, community packages under nodes/). */
	userFolder: string;
	logFile: string;
	owner: { email: string; password: string };
	encryptionKey: string;
	/** Executions (which hold message text) are pruned after as many days as the ledger keeps text. */
	textRetentionDays?: number;
	/**
	 * Queue mode, as compose runs n8n: this process is the main one (editor, API, triggers) and
	 * hands executions to workers through Redis; production webhooks go to the webhook processor.
	 * Unset: regular mode, one process that does everything.
	 */
	queue?: N8nQueue;
	/**
	 * Task runners in external mode (n8n's docs call internal mode unsafe): the token they show
	 * the task broker. Unset: n8n starts its own runner inside (internal mode).
	 */
	runnersAuthToken?: string;
	extraEnv?: NodeJS.ProcessEnv;
}

export interface N8nQueue {
	redisUrl: string;
	/**
	 * Starts every key and pub/sub channel n8n uses in Redis (Bull's jobs, commands, cache):
	 * stacks that share one Redis never take each other's jobs.
	 */
	prefix: string;
	/** The webhook processor's port (`n8n webhook`), which serves /webhook/*. */
	webhookPort: number;
}

export interface N8nHandle {
	url: string;
	version: string;
	apiKey: string;
	process: ManagedProcess;
	/** Where production webhooks (/webhook/*) are served: the webhook processor in queue mode. */
	webhookUrl: string;
	/** The external task runner of a main process that runs executions itself (regular mode). */
	runners?: TaskRunners;
	/** The environment it runs with: n8n's CLI commands need the same database and encryption key. */
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
}

/** The environment of n8n's queue mode on `queue.redisUrl` (reference/n8n.md §5.1, compose's x-n8n-env). */
export function queueEnv(queue: N8nQueue): NodeJS.ProcessEnv {
	const redis = new URL(queue.redisUrl);
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.hostname,
		QUEUE_BULL_REDIS_PORT: redis.port || '6379',
		QUEUE_BULL_REDIS_DB: redis.pathname.slice(1) || '0',
		...(redis.username ? { QUEUE_BULL_REDIS_USERNAME: decodeURIComponent(redis.username) } : {}),
		...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: decodeURIComponent(redis.password) } : {}),
		...(redis.protocol === 'rediss:' ? { QUEUE_BULL_REDIS_TLS: 'true' } : {}),
		QUEUE_BULL_PREFIX: queue.prefix,
		N8N_REDIS_KEY_PREFIX: queue.prefix,
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		// Manual runs from the editor go to the workers too, so main needs no task runner.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_METRICS_INCLUDE_QUEUE_METRICS: 'true',
	};
}

/** Main's environment; the webhook processor and the workers start from it (n8n-queue.ts). */
export function n8nEnv(options: N8nOptions, runtimes: Runtimes): NodeJS.ProcessEnv {
	const db = new URL(options.databaseUrl);
	const url = `http://localhost:${options.port}/`;
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: options.userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		// What the editor shows as a workflow's production URL: where /webhook/* is served.
		N8N_WEBHOOK_URL: `http://localhost:${options.queue?.webhookPort ?? options.port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.hostname,
		DB_POSTGRESDB_PORT: db.port || '5432',
		DB_POSTGRESDB_DATABASE: db.pathname.slice(1),
		DB_POSTGRESDB_USER: decodeURIComponent(db.username),
		DB_POSTGRESDB_PASSWORD: decodeURIComponent(db.password),
		// Offline machine: no telemetry, version checks or template gallery calls.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		// UTC, as compose runs it: the business's time zone lives only in Directus (business info).
		GENERIC_TIMEZONE: 'UTC',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_METRICS: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// n8n 3.0 flips this default; set it now so community packages (ours) keep loading.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: options.owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(runtimes, options.owner.password),
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Switchboard',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Operator',
		N8N_LOG_LEVEL: 'info',
		...n8nExecutionPruneEnv(options.textRetentionDays ?? DEFAULT_TEXT_RETENTION_DAYS),
		...(options.queue
			? {
					...queueEnv(options.queue),
					// Production webhooks go to the webhook processor, as in compose.
					N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				}
			: {}),
		...(options.runnersAuthToken
			? { N8N_RUNNERS_MODE: 'external', N8N_RUNNERS_AUTH_TOKEN: options.runnersAuthToken }
			: {}),
		...options.extraEnv,
	};
}

// n8n checks the owner's hash against bcrypt's format; its own bcryptjs makes one.
function bcryptHash(runtimes: Runtimes, password: string): string {
	const requireFromN8n = createRequire(
		join(runtimes.n8nRoot, 'node_modules', 'n8n', 'package.json'),
	);
	const bcrypt = requireFromN8n('bcryptjs') as {
		hashSync(password: string, rounds: number): string;
	};
	return bcrypt.hashSync(password, 10);
}

export async function startN8n(
	options: N8nOptions,
	runtimes: Runtimes,
	/** n8nEnv(options, runtimes), when the caller has it already (bcrypt is slow on purpose). */
	env = n8nEnv(options, runtimes),
): Promise<N8nHandle> {
	mkdirSync(options.userFolder, { recursive: true });
	const proc = new ManagedProcess({
		name: 'n8n',
		command: process.execPath,
		args: [runtimes.n8nBin, 'start'],
		env,
		cwd: options.userFolder,
		logFile: options.logFile,
	});
	const url = `http://127.0.0.1:${options.port}`;
	try {
		// First start runs n8n's migrations: about 15 s on two cores, more when Directus boots beside it.
		await waitForHttp(`${url}/healthz/readiness`, `n8n ${runtimes.n8nVersion}`, {
			timeoutMs: 180_000,
			process: proc,
		});
		const session = await logIn(url, options.owner);
		const apiKey = await createApiKey(url, session);
		const version = await readVersion(url, session);
		// In queue mode main runs nothing itself (manual runs are offloaded too): no runner.
		const runners =
			options.runnersAuthToken && !options.queue
				? launchTaskRunners(
						proc,
						{
							brokerPort: options.brokerPort,
							authToken: options.runnersAuthToken,
							logFile: options.logFile.replace(/\.log$/, '-runner.log'),
							cwd: options.userFolder,
						},
						runtimes,
					)
				: undefined;
		return {
			url,
			version,
			apiKey,
			process: proc,
			webhookUrl: options.queue ? `http://127.0.0.1:${options.queue.webhookPort}` : url,
			...(runners ? { runners } : {}),
			env,
			userFolder: options.userFolder,
			logFile: options.logFile,
		};
	} catch (err) {
		await proc.stop();
		throw err;
	}
}

/** Logs in as the owner; returns the session cookie the internal REST API wants. */
export async function logIn(
	url: string,
	owner: { email: string; password: string },
): Promise<string> {
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	await login.arrayBuffer();
	if (!login.ok) {
		throw new StackError(`n8n refused the owner login for ${owner.email} (HTTP ${login.status}).`);
	}
	return login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Creates a public-API key: n8n has no other head-less way to get one. */
export async function createApiKey(url: string, sessionCookie: string): Promise<string> {
	const created = await fetch(`${url}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: sessionCookie },
		body: JSON.stringify({
			label: `switchboard-${Date.now()}`,
			expiresAt: null,
			scopes: [
				'workflow:create',
				'workflow:read',
				'workflow:update',
				'workflow:delete',
				'workflow:list',
				'workflow:activate',
				'workflow:deactivate',
				'execution:read',
				'execution:list',
				'credential:create',
				'credential:list',
				'credential:delete',
				'tag:create',
				'tag:list',
			],
		}),
	});
	const body = (await created.json()) as { data?: { rawApiKey?: string } };
	if (!created.ok || !body.data?.rawApiKey) {
		throw new StackError(`n8n did not create an API key (HTTP ${created.status}).`);
	}
	return body.data.rawApiKey;
}

/** The version the running server reports about itself (only to a logged-in user since 2.x). */
export async function readVersion(url: string, sessionCookie: string): Promise<string> {
	const res = await fetch(`${url}/rest/settings`, { headers: { cookie: sessionCookie } });
	const body = (await res.json()) as { data?: { versionCli?: string } };
	if (!body.data?.versionCli) throw new StackError(`n8n at ${url} did not report its version.`);
	return body.data.versionCli;
}
