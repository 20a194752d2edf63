import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DEFAULT_TEXT_RETENTION_DAYS, n8nExecutionPruneEnv } from '@switchboard/glue/housekeeping';
import { ManagedProcess } from './managed-process.ts';
import { StackError } from './stack-error.ts';
import type { Runtimes } from './runtimes.ts';
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
	extraEnv?: NodeJS.ProcessEnv;
}

export interface N8nHandle {
	url: string;
	version: string;
	apiKey: string;
	process: ManagedProcess;
	/** The environment it runs with: n8n's CLI commands need the same database and encryption key. */
	env: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
}

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
		N8N_WEBHOOK_URL: url,
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

export async function startN8n(options: N8nOptions, runtimes: Runtimes): Promise<N8nHandle> {
	mkdirSync(options.userFolder, { recursive: true });
	const env = n8nEnv(options, runtimes);
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
		return {
			url,
			version,
			apiKey,
			process: proc,
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
