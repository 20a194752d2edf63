// Runs the webhook gateway as its own process, the way production runs it, for the local stack,
// the end-to-end tests and the benchmark.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.ts';
import { waitForHttp } from './wait-for-http.ts';

export const GATEWAY_ENTRY = join(
	import.meta.dirname,
	'..',
	'..',
	'glue',
	'src',
	'gateway',
	'main.ts',
);

export interface GatewayOptions {
	port: number;
	/** The Directus database: the ledger and the other sb_ tables live there. */
	databaseUrl: string;
	n8nInboundUrl: string;
	forwardSecret: string;
	/** The agent bot's secret, which signs its webhooks. */
	webhookSecrets: string[];
	/** The account webhook's: kept apart, so the ledger records which of the two delivered. */
	accountWebhookSecrets?: string[];
	chatwoot?: { url: string; apiToken: string; accountId: number };
	/** Where a dead letter's hand-off finds the inbox's team (the Automation user's token). */
	directus?: { url: string; token: string };
	logFile: string;
	cwd: string;
	/** GATEWAY_* tuning, e.g. GATEWAY_DEBOUNCE_MS. */
	extraEnv?: NodeJS.ProcessEnv;
}

export interface GatewayHandle {
	url: string;
	process: ManagedProcess;
}

/**
 * V8 sizes its heap from the machine's memory: on 24 GB the young generation grew to 128 MB and
 * garbage piled up in the old one until the ack benchmark's gateway held 331 MB for a live heap of
 * about 30 MB. Sized for the service instead; compose sets the same (docker-compose.yml, x-gateway).
 */
export const GATEWAY_NODE_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=96';

/** The gateway's environment: nothing inherited but PATH and HOME. */
export function gatewayProcessEnv(options: GatewayOptions): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		NODE_OPTIONS: GATEWAY_NODE_OPTIONS,
		// Type stripping and compiling on every start cost about 25 MB of resident memory; later
		// starts read both from here (Node checks each file's hash, so an edit is never stale).
		NODE_COMPILE_CACHE: join(homedir(), '.cache', 'switchboard', 'node-compile-cache'),
		GATEWAY_PORT: String(options.port),
		DATABASE_URL: options.databaseUrl,
		N8N_INBOUND_WEBHOOK_URL: options.n8nInboundUrl,
		GATEWAY_FORWARD_SECRET: options.forwardSecret,
		CHATWOOT_WEBHOOK_SECRET: options.webhookSecrets.join(','),
		CHATWOOT_ACCOUNT_WEBHOOK_SECRET: (options.accountWebhookSecrets ?? []).join(','),
		...(options.chatwoot
			? {
					CHATWOOT_URL: options.chatwoot.url,
					CHATWOOT_API_TOKEN: options.chatwoot.apiToken,
					CHATWOOT_ACCOUNT_ID: String(options.chatwoot.accountId),
				}
			: {}),
		...(options.directus
			? { DIRECTUS_URL: options.directus.url, DIRECTUS_AUTOMATION_TOKEN: options.directus.token }
			: {}),
		...options.extraEnv,
	};
}

export async function startGatewayProcess(options: GatewayOptions): Promise<GatewayHandle> {
	const proc = new ManagedProcess({
		name: 'gateway',
		command: process.execPath,
		args: [GATEWAY_ENTRY],
		cwd: options.cwd,
		logFile: options.logFile,
		env: gatewayProcessEnv(options),
	});
	const url = `http://127.0.0.1:${options.port}`;
	try {
		await waitForHttp(`${url}/healthz`, 'the gateway', { timeoutMs: 60_000, process: proc });
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return { url, process: proc };
}
