// The whole inbound path on real processes for end-to-end tests: PostgreSQL, Redis, n8n 2.41.0 with
// our node package and workflows (queue mode as compose runs it: main, webhook processor, workers
// with external task runners), Directus 11 with schema, access and seed, the gateway as its own
// process, and the Chatwoot and Anthropic simulators in this process. One per test file.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { createChatwootClient } from '@switchboard/glue/chatwoot';
import { createAnthropicSimulator } from '../../simulators/src/anthropic/index.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_USER_TOKEN,
	chatwootSimOptionsFromEnv,
	createChatwootSimulator,
	type ChatwootSimulator,
} from '../../simulators/src/chatwoot/index.ts';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import {
	startGoogleCalendarSimulator,
	type TestGoogleCalendar,
} from '../../simulators/src/google-calendar/testing.ts';
import { startSmtpSink, type TestSmtpSink } from '../../simulators/src/smtp/testing.ts';
import { SIMULATOR_MODEL_SETTINGS } from '../../scripts/lib/claude-model.ts';
import {
	startBroadcastSenderProcess,
	type BroadcastSenderHandle,
	type BroadcastSenderOptions,
} from '../../scripts/lib/broadcast-sender.ts';
import { provisionDirectus } from '../../scripts/lib/directus-content.ts';
import { startGatewayProcess, type GatewayHandle } from '../../scripts/lib/gateway.ts';
import {
	INBOUND_WEBHOOK_PATH,
	logStoreCredential,
	provisionN8n,
	type CredentialValues,
} from '../../scripts/lib/n8n-provision.ts';
import { freePorts } from '../../scripts/lib/ports.ts';
import { databaseUrl } from '../../scripts/lib/postgres.ts';
import { locateRuntimes } from '../../scripts/lib/runtimes.ts';
import {
	startStack,
	testStackOptions,
	type RestartOptions,
	type Stack,
} from '../../scripts/lib/supervisor.ts';

export interface E2eStack {
	stack: Stack;
	chatwoot: RunningServer;
	/** The simulator itself, for settings Chatwoot keeps in its database (e.g. account flags). */
	chatwootSim: ChatwootSimulator;
	anthropic: RunningServer;
	/** The calendars the seed's services book on (workflows 06 and 07). */
	googleCalendar: TestGoogleCalendar;
	/** Where the appointment invites are mailed. */
	smtp: TestSmtpSink;
	gateway: GatewayHandle;
	/** The Directus database, where the ledger and the decision log live. */
	pool: pg.Pool;
	directusUrl: string;
	stopGateway(): Promise<void>;
	/**
	 * Starts the gateway again (after stopGateway) with the same settings, and `env` over them for
	 * this start only (e.g. a short GATEWAY_UNANSWERED_HANDOFF_MS).
	 */
	startGateway(env?: NodeJS.ProcessEnv): Promise<GatewayHandle>;
	/**
	 * Starts one more gateway on the same ledger, n8n and Chatwoot, on its own port and log file
	 * (`<name>.log`), as production runs two replicas; stopped with the stack.
	 */
	startGatewayReplica(name: string): Promise<GatewayHandle>;
	/** The broadcast sender process last started (startBroadcastSender), or null. */
	broadcastSender: BroadcastSenderHandle | null;
	/**
	 * Starts the broadcast sender as its own process (glue/src/broadcasts/sender-main.ts, as npm
	 * start and compose run it) on this stack's database, Directus (the Automation user's token),
	 * Chatwoot and a Redis key prefix of its own, sending to `metaUrl` (the test's Meta simulator).
	 * `env`: BROADCAST_* settings, e.g. BROADCAST_RATE_PER_SECOND, BROADCAST_SYNC_MS. Call it again
	 * after a stop or SIGKILL (`process.killNow()`) to restart it; every one is stopped with the
	 * stack. Its log: <logDir>/broadcast-sender.log.
	 */
	startBroadcastSender(options: BroadcastSenderStart): Promise<BroadcastSenderHandle>;
	stop(): Promise<void>;
}

/** The gateway's tuning for tests: a short debounce, quick retries, no reconciler, debug logs. */
export const TEST_GATEWAY_ENV = {
	GATEWAY_DEBOUNCE_MS: '800',
	GATEWAY_DEBOUNCE_MAX_MS: '5000',
	GATEWAY_FORWARD_BACKOFF_MS: '500',
	GATEWAY_FORWARD_BACKOFF_MAX_MS: '3000',
	// Enough quick retries to outlast a claim lease (120 s) while n8n answers 409 busy.
	GATEWAY_FORWARD_MAX_ATTEMPTS: '120',
	GATEWAY_FORWARD_POLL_MS: '200',
	GATEWAY_FORWARD_TIMEOUT_MS: '30000',
	GATEWAY_RECONCILE_INTERVAL_MS: '0',
	LOG_LEVEL: 'debug',
};

export interface E2eOptions {
	/**
	 * The gateway's GATEWAY_* and LOG_LEVEL settings, in place of TEST_GATEWAY_ENV (the default);
	 * `{}` runs it on production defaults. To change a few, spread TEST_GATEWAY_ENV first.
	 */
	gatewayEnv?: NodeJS.ProcessEnv;
	/** Workflow files to import; all of n8n/workflows/ by default. */
	workflows?: string[];
	/** Where those files are read from; n8n/workflows/ by default (e.g. a copy with one setting changed). */
	workflowsDir?: string;
	/** More n8n credentials, e.g. Meta, SMTP and the promotion hook's secret for workflow 02. */
	credentials?: CredentialValues;
	/** Where the agent bot posts; the gateway's /webhooks/chatwoot by default (e.g. a proxy). */
	botOutgoingUrl?: string;
	/**
	 * A PostgreSQL and Redis of the test's own (private-services.ts), for a test that stops them;
	 * the machine's shared ones (DATABASE_URL, REDIS_URL) by default.
	 */
	services?: { postgresUrl: string; redisUrl: string };
	/** Restart n8n or Directus when it exits on its own, as compose does; unset: it stays down. */
	restart?: RestartOptions;
	/** n8n's queue workers (1 by default), each with its external task runner. */
	n8nWorkers?: number;
	/** `regular`: n8n as one process instead of compose's queue mode (the benchmark's comparison). */
	n8nMode?: 'queue' | 'regular';
	/**
	 * Events of an account webhook posting to the gateway (e.g. contact_updated, as
	 * chatwoot/config sets it up), created before the gateway starts, which gets its secret.
	 */
	accountWebhookEvents?: string[];
}

export interface BroadcastSenderStart {
	metaUrl: string;
	/** The Graph token the simulator accepts; sim-meta-token by default. */
	metaToken?: string;
	metaAppSecret?: string;
	env?: NodeJS.ProcessEnv;
}

/** One execution as n8n's public API lists it; `data` only with includeData=true. */
export interface N8nExecution {
	id: string;
	mode: string;
	status: string;
	startedAt: string;
	data?: { resultData?: { error?: { message?: string } } };
}

/** GET /api/v1/executions on the stack's n8n: one page, newest first. */
export async function listExecutions(
	e2e: E2eStack,
	query: Record<string, string>,
): Promise<N8nExecution[]> {
	const res = await fetch(`${e2e.stack.n8n.url}/api/v1/executions?${new URLSearchParams(query)}`, {
		headers: { 'X-N8N-API-KEY': e2e.stack.n8n.apiKey },
	});
	if (!res.ok) throw new Error(`n8n /executions answered HTTP ${res.status}`);
	return ((await res.json()) as { data: N8nExecution[] }).data;
}

export async function startE2eStack(options: E2eOptions = {}): Promise<E2eStack> {
	const runtimes = locateRuntimes();
	const stackOptions = await testStackOptions(
		options.services
			? {
					...process.env,
					DATABASE_URL: options.services.postgresUrl,
					REDIS_URL: options.services.redisUrl,
				}
			: process.env,
		{ n8nWorkers: options.n8nWorkers ?? 1 },
	);
	stackOptions.restart = options.restart;
	if (options.n8nMode) stackOptions.n8nMode = options.n8nMode;
	const [gatewayPort] = await freePorts(1);
	const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
	const cleanups: Array<() => Promise<unknown>> = [];
	const stopAll = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
	};
	try {
		const chatwootSim = createChatwootSimulator({
			botOutgoingUrl: options.botOutgoingUrl ?? `${gatewayUrl}/webhooks/chatwoot`,
			simulateWhatsappSend: false,
			// SWITCHBOARD_SIM_DELIVERY=realistic, SWITCHBOARD_SIM_CHATWOOT_VERSION=4.16; off by default.
			...chatwootSimOptionsFromEnv(process.env),
		});
		const chatwoot = await listen(chatwootSim.app);
		cleanups.push(() => chatwoot.close());
		const accountWebhook = options.accountWebhookEvents
			? await createChatwootClient({
					baseUrl: chatwoot.url,
					accessToken: CHATWOOT_SIM_USER_TOKEN,
					accountId: CHATWOOT_SIM_ACCOUNT_ID,
				}).webhooks.create({
					url: `${gatewayUrl}/webhooks/chatwoot`,
					subscriptions: options.accountWebhookEvents,
				})
			: null;
		const anthropic = await listen(createAnthropicSimulator().app);
		cleanups.push(() => anthropic.close());
		// Its "primary" calendar is the one the seed's services book on.
		const googleCalendar = await startGoogleCalendarSimulator();
		cleanups.push(() => googleCalendar.close());
		const smtp = await startSmtpSink();
		cleanups.push(() => smtp.close());

		// The estimate of a broadcast to a Chatwoot label or stage group asks Chatwoot, as compose sets it.
		stackOptions.directusEnv = {
			...stackOptions.directusEnv,
			CHATWOOT_URL: chatwoot.url,
			CHATWOOT_API_TOKEN: CHATWOOT_SIM_USER_TOKEN,
			CHATWOOT_ACCOUNT_ID: String(CHATWOOT_SIM_ACCOUNT_ID),
		};
		const stack = await startStack(stackOptions);
		cleanups.push(() => stack.stop());
		const directusDb = databaseUrl(stackOptions.postgresUrl, stackOptions.databases.directus);
		const pool = new pg.Pool({ connectionString: directusDb, max: 4 });
		pool.on('error', () => undefined);
		cleanups.push(() => pool.end());

		const automationToken = randomBytes(24).toString('base64url');
		await provisionDirectus(stack.directus, { logStore: pool, automationToken, seed: 'always' });

		const forwardSecret = randomBytes(24).toString('base64url');
		await provisionN8n(stack.n8n, runtimes, {
			workflows: options.workflows,
			...(options.workflowsDir ? { workflowsDir: options.workflowsDir } : {}),
			credentials: {
				chatwoot: {
					url: chatwoot.url,
					accessToken: CHATWOOT_SIM_BOT_TOKEN,
					accountId: CHATWOOT_SIM_ACCOUNT_ID,
				},
				claude: { apiKey: 'sk-ant-e2e-test', baseUrl: anthropic.url, ...SIMULATOR_MODEL_SETTINGS },
				directus: { url: stack.directus.url, token: automationToken },
				logStore: {
					...logStoreCredential(directusDb),
					operationsEmail: 'operations@example.com',
					marketingEmail: 'marketing@example.com',
					mailFrom: 'Switchboard <switchboard@example.com>',
				},
				gatewaySecret: forwardSecret,
				appointments: {
					kind: 'oauth',
					clientId: 'e2e-client',
					clientSecret: 'e2e-secret',
					refreshToken: 'e2e-refresh-token',
					apiUrl: googleCalendar.rootUrl,
					tokenUrl: googleCalendar.tokenUrl,
					smtpUrl: `smtp://${smtp.smtp.host}:${smtp.smtp.port}`,
					organizerName: 'Northwind Fibre',
					organizerEmail: 'bookings@northwind-fibre.example',
				},
				...options.credentials,
			},
		});

		const gatewayOptions = {
			port: gatewayPort!,
			databaseUrl: directusDb,
			// As compose: the gateway forwards to the webhook processor, which queues for the workers.
			n8nInboundUrl: `${stack.n8n.webhookUrl}/${INBOUND_WEBHOOK_PATH}`,
			forwardSecret,
			webhookSecrets: [CHATWOOT_SIM_BOT_SECRET],
			...(accountWebhook?.secret ? { accountWebhookSecrets: [accountWebhook.secret] } : {}),
			chatwoot: {
				url: chatwoot.url,
				apiToken: CHATWOOT_SIM_USER_TOKEN,
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
			},
			directus: { url: stack.directus.url, token: automationToken },
			logFile: join(stack.logDir, 'gateway.log'),
			cwd: stackOptions.stateDir,
			extraEnv: options.gatewayEnv ?? TEST_GATEWAY_ENV,
		};
		let gateway = await startGatewayProcess(gatewayOptions);
		cleanups.push(() => gateway.process.stop());

		const senders: BroadcastSenderHandle[] = [];
		cleanups.push(() => Promise.all(senders.map((sender) => sender.process.stop())));
		let broadcastSender: BroadcastSenderHandle | null = null;
		const senderOptions = (start: BroadcastSenderStart): BroadcastSenderOptions => ({
			databaseUrl: directusDb,
			redisUrl: stackOptions.redisUrl,
			directus: { url: stack.directus.url, token: automationToken },
			chatwoot: {
				url: chatwoot.url,
				apiToken: CHATWOOT_SIM_USER_TOKEN,
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
			},
			meta: {
				graphUrl: start.metaUrl,
				token: start.metaToken ?? 'sim-meta-token',
				...(start.metaAppSecret ? { appSecret: start.metaAppSecret } : {}),
			},
			logFile: join(stack.logDir, 'broadcast-sender.log'),
			cwd: stackOptions.stateDir,
			extraEnv: {
				BROADCAST_REDIS_PREFIX: `sb-e2e-${gatewayPort}:`,
				LOG_LEVEL: 'debug',
				...start.env,
			},
		});

		return {
			stack,
			chatwoot,
			chatwootSim,
			anthropic,
			googleCalendar,
			smtp,
			get gateway() {
				return gateway;
			},
			pool,
			directusUrl: stack.directus.url,
			stopGateway: () => gateway.process.stop(),
			async startGateway(env?: NodeJS.ProcessEnv) {
				gateway = await startGatewayProcess(
					env
						? { ...gatewayOptions, extraEnv: { ...gatewayOptions.extraEnv, ...env } }
						: gatewayOptions,
				);
				return gateway;
			},
			async startGatewayReplica(name: string) {
				const [port] = await freePorts(1);
				const replica = await startGatewayProcess({
					...gatewayOptions,
					port: port!,
					logFile: join(stack.logDir, `${name}.log`),
				});
				cleanups.push(() => replica.process.stop());
				return replica;
			},
			get broadcastSender() {
				return broadcastSender;
			},
			async startBroadcastSender(start: BroadcastSenderStart) {
				const handle = await startBroadcastSenderProcess(senderOptions(start));
				senders.push(handle);
				broadcastSender = handle;
				return handle;
			},
			stop: stopAll,
		};
	} catch (error) {
		if (!process.env.SWITCHBOARD_KEEP_FAILED) await stopAll();
		throw error;
	}
}
