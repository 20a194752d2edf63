import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v4';
import { StackError } from './stack-error.ts';
import type { StackOptions } from './supervisor.ts';

const port = z.coerce.number().int().min(1).max(65535);

// Every variable here is listed, with a comment, in .env.example.
const localEnvSchema = z.object({
	DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
	REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
	N8N_PORT: port.default(5678),
	N8N_RUNNERS_BROKER_PORT: port.default(5679),
	N8N_WEBHOOK_PORT: port.default(5680),
	/** Worker n (from 0) serves its health checks on this + 2n and its task broker on the next port. */
	N8N_WORKER_PORT: port.default(5690),
	N8N_WORKERS: z.coerce.number().int().min(1).max(8).default(1),
	N8N_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
	N8N_RUNNERS_AUTH_TOKEN: z.string().min(16).optional(),
	DIRECTUS_PORT: port.default(8055),
	GATEWAY_PORT: port.default(8080),
	// Real endpoints; where one is unset, npm start runs that service's simulator instead.
	CHATWOOT_URL: z.url().optional(),
	META_GRAPH_URL: z.url().optional(),
	ANTHROPIC_BASE_URL: z.url().optional(),
	/** An administrator's token for a real Chatwoot (the simulator has its own). */
	CHATWOOT_API_TOKEN: z.string().optional(),
	/** A real Claude key; the Anthropic simulator takes any. */
	ANTHROPIC_API_KEY: z.string().optional(),
	CHATWOOT_SIM_PORT: port.default(3000),
	META_SIM_PORT: port.default(8790),
	ANTHROPIC_SIM_PORT: port.default(8791),
	SMTP_SINK_PORT: port.default(2525),
	SMTP_SINK_HTTP_PORT: port.default(8792),
	N8N_DATABASE: z.string().default('switchboard_n8n'),
	DIRECTUS_DATABASE: z.string().default('switchboard_directus'),
	SWITCHBOARD_ADMIN_EMAIL: z.email().default('admin@example.com'),
	SWITCHBOARD_ADMIN_PASSWORD: z.string().min(8).optional(),
	N8N_ENCRYPTION_KEY: z.string().min(16).optional(),
	DIRECTUS_SECRET: z.string().min(32).optional(),
	DIRECTUS_ADMIN_TOKEN: z.string().min(16).optional(),
	DIRECTUS_AUTOMATION_TOKEN: z.string().min(16).optional(),
	GATEWAY_FORWARD_SECRET: z.string().min(16).optional(),
	SWITCHBOARD_PROMOTION_WEBHOOK_SECRET: z.string().min(16).optional(),
	/** Where the promotions hook notifies n8n; default: workflow 02's webhook on the local n8n. */
	SWITCHBOARD_PROMOTION_WEBHOOK_URL: z.url().optional(),
});
export type LocalEnv = z.output<typeof localEnvSchema>;

/** The variables npm start reads; .env.example must list each of them. */
export const localEnvVariables = Object.keys(localEnvSchema.shape);

export function parseLocalEnv(env: NodeJS.ProcessEnv): LocalEnv {
	// `KEY=` in a copied .env.example means "not set", not "set to the empty string".
	const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const parsed = localEnvSchema.safeParse(set);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new StackError(
			`.env: ${issue.path.join('.')} is invalid (${issue.message}); see .env.example.`,
		);
	}
	return parsed.data;
}

const generatedSchema = z.object({
	adminPassword: z.string(),
	n8nEncryptionKey: z.string(),
	n8nRunnersAuthToken: z.string().optional(),
	directusSecret: z.string(),
	directusAdminToken: z.string(),
	// Added later: a secrets.json from an older start lacks them, and gets them on the next start.
	directusAutomationToken: z.string().optional(),
	gatewayForwardSecret: z.string().optional(),
	promotionWebhookSecret: z.string().optional(),
});
type Generated = Required<z.output<typeof generatedSchema>>;

/**
 * Secrets not set in .env are generated on first start and kept in the state folder, because n8n's
 * encryption key and Directus's first admin must stay the same from one start to the next.
 */
export function loadOrCreateSecrets(stateDir: string): Generated {
	const file = join(stateDir, 'secrets.json');
	const kept = existsSync(file)
		? generatedSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
		: undefined;
	const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
	const secrets: Generated = {
		adminPassword: kept?.adminPassword ?? `Sb-${secret(12)}`,
		n8nEncryptionKey: kept?.n8nEncryptionKey ?? secret(24),
		n8nRunnersAuthToken: kept?.n8nRunnersAuthToken ?? secret(24),
		directusSecret: kept?.directusSecret ?? secret(32),
		directusAdminToken: kept?.directusAdminToken ?? secret(24),
		directusAutomationToken: kept?.directusAutomationToken ?? secret(24),
		gatewayForwardSecret: kept?.gatewayForwardSecret ?? secret(24),
		promotionWebhookSecret: kept?.promotionWebhookSecret ?? secret(24),
	};
	if (!kept || Object.keys(secrets).some((key) => !(key in kept))) {
		mkdirSync(stateDir, { recursive: true });
		writeFileSync(file, `${JSON.stringify(secrets, null, '\t')}\n`, { mode: 0o600 });
	}
	return secrets;
}

/** The secrets the rest of the local stack uses besides n8n's and Directus's own. */
export interface LocalSecrets {
	directusAutomationToken: string;
	gatewayForwardSecret: string;
	promotionWebhookSecret: string;
}

export function localSecrets(env: LocalEnv, stateDir: string): LocalSecrets {
	const generated = loadOrCreateSecrets(stateDir);
	return {
		directusAutomationToken: env.DIRECTUS_AUTOMATION_TOKEN ?? generated.directusAutomationToken,
		gatewayForwardSecret: env.GATEWAY_FORWARD_SECRET ?? generated.gatewayForwardSecret,
		promotionWebhookSecret:
			env.SWITCHBOARD_PROMOTION_WEBHOOK_SECRET ?? generated.promotionWebhookSecret,
	};
}

/** The local stack: fixed ports and databases that persist between starts, so operators' work is kept. */
export function localStackOptions(env: LocalEnv, stateDir: string): StackOptions {
	const generated = loadOrCreateSecrets(stateDir);
	return {
		postgresUrl: env.DATABASE_URL,
		redisUrl: env.REDIS_URL,
		databases: { n8n: env.N8N_DATABASE, directus: env.DIRECTUS_DATABASE },
		dropDatabasesOnStop: false,
		stateDir,
		removeStateDirOnStop: false,
		ports: {
			n8n: env.N8N_PORT,
			n8nBroker: env.N8N_RUNNERS_BROKER_PORT,
			n8nWebhook: env.N8N_WEBHOOK_PORT,
			n8nWorkers: Array.from({ length: env.N8N_WORKERS }, (_, n) => ({
				health: env.N8N_WORKER_PORT + 2 * n,
				broker: env.N8N_WORKER_PORT + 2 * n + 1,
			})),
			directus: env.DIRECTUS_PORT,
		},
		n8nWorkerConcurrency: env.N8N_WORKER_CONCURRENCY,
		// Rebuilt on every start, so the nodes n8n serves are the ones in the working tree.
		nodePackage: { build: true },
		admin: {
			email: env.SWITCHBOARD_ADMIN_EMAIL,
			password: env.SWITCHBOARD_ADMIN_PASSWORD ?? generated.adminPassword,
		},
		secrets: {
			n8nEncryptionKey: env.N8N_ENCRYPTION_KEY ?? generated.n8nEncryptionKey,
			n8nRunnersAuthToken: env.N8N_RUNNERS_AUTH_TOKEN ?? generated.n8nRunnersAuthToken,
			directusSecret: env.DIRECTUS_SECRET ?? generated.directusSecret,
			directusAdminToken: env.DIRECTUS_ADMIN_TOKEN ?? generated.directusAdminToken,
		},
	};
}
