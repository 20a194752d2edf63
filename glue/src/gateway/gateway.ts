// Wires the gateway's parts from its configuration: the app, the forwarder and the reconciler,
// sharing one pool, one logger and one set of metrics. Nothing here listens or reads process.env.
import type { Express } from 'express';
import { optOutKeywordsOf } from '../audience/inbound-opt-out.ts';
import type { OptOutKeywords } from '../audience/opt-out.ts';
import { directusBroadcastRecords, type BroadcastRecords } from '../audience/records.ts';
import { createChatwootClient, type ChatwootClient } from '../chatwoot/client.ts';
import { connectDirectus } from '../content/directus-client.ts';
import { createContentReader } from '../content/reader.ts';
import type { Department } from '../content/schemas.ts';
import type { DeliveryStatusHook } from '../meta/whatsapp-status.ts';
import type { TransactionPool } from '../log-store/ledger-queue.ts';
import { Housekeeping } from '../housekeeping/housekeeping.ts';
import { startReminderRelay } from '../booking/reminder-relay.ts';
import { createJobs, type Jobs } from '../jobs/index.ts';
import { migrate } from '../log-store/migrate.ts';
import type { Queryable } from '../log-store/repository.ts';
import { StageMirror } from '../stages/mirror-loop.ts';
import type { GatewayLogger } from './common/logger.ts';
import type { GatewayConfig } from './config.ts';
import { handOffDeadLetter } from './dead-letters/dead-letter-handoff.ts';
import { Forwarder } from './forwarder/forwarder.ts';
import { checkReadiness, n8nHealthUrlFor } from './health/readiness.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics.ts';
import { collectLedgerGauges } from './metrics/ledger-gauges.ts';
import { knownWhatsappNumbers } from './meta/known-numbers.ts';
import { MetaForwarder } from './meta/meta-forwarder.ts';
import { createMetaWebhookService } from './meta/meta.service.ts';
import { broadcastStatusHook, isBroadcastSend } from './meta/broadcast-statuses.ts';
import { StatusApplier } from './meta/status-applier.ts';
import { Reconciler } from './reconciler/reconciler.ts';
import { createApp } from './server.ts';
import { createWebhookService } from './webhooks/webhook.service.ts';

/** pg.Pool fits; migrate needs the real thing. */
export type GatewayPool = TransactionPool & Queryable & Parameters<typeof migrate>[0];

export interface GatewayDeps {
	pool: GatewayPool;
	logger: GatewayLogger;
	clock?: () => Date;
	random?: () => number;
	/**
	 * Defaults to a client built from config.chatwoot; without either the reconciler is off and a
	 * dead letter is not handed to a person.
	 */
	chatwoot?: ChatwootClient;
	/** Where a dead letter's team comes from; defaults to Directus when config.directus is set. */
	departments?: () => Promise<Department[]>;
	/** Takes the statuses of Meta's webhooks; defaults to the broadcast sender's deliveries. */
	deliveryStatuses?: DeliveryStatusHook;
	/** The WhatsApp display numbers the Meta route forwards; defaults to chatwoot/config's. */
	whatsappNumbers?: ReadonlySet<string>;
	/**
	 * Where marketing's opt-out words are read (workflow 01's seam); defaults to Directus when
	 * config.directus is set. Without either, a handed-off conversation's STOP is dropped unread.
	 */
	broadcastRecords?: BroadcastRecords;
}

export interface Gateway {
	app: Express;
	metrics: GatewayMetrics;
	forwarder: Forwarder;
	reconciler: Reconciler | null;
	/** Removes message text past the retention period, on an interval. */
	housekeeping: Housekeeping;
	/** Shows each contact's stage in Chatwoot; null without Chatwoot API settings. */
	stageMirror: StageMirror | null;
	/** Forwards Meta's WhatsApp webhooks to Chatwoot; null without the Meta route. */
	metaForwarder: MetaForwarder | null;
	/** Hands Meta's statuses to the broadcast deliveries; null without the Meta route. */
	statusApplier: StatusApplier | null;
	/** Applies the log store's migrations, then starts forwarding, reconciling and housekeeping. */
	start(): Promise<void>;
	/** Stops both loops and waits for work in flight; the pool stays the caller's to close. */
	stop(): Promise<void>;
}

export function createGateway(config: GatewayConfig, deps: GatewayDeps): Gateway {
	const { pool, logger } = deps;
	const clock = deps.clock ?? (() => new Date());
	const metrics = createGatewayMetrics();
	metrics.registry.onCollect(() => collectLedgerGauges(pool, metrics.ledger));
	const chatwoot =
		deps.chatwoot ??
		(config.chatwoot &&
			createChatwootClient({
				baseUrl: config.chatwoot.url,
				accessToken: config.chatwoot.apiToken,
				accountId: config.chatwoot.accountId,
				retries: 2,
			}));
	const departments = deps.departments ?? directusDepartments(config, logger);
	const forwarder = new Forwarder({
		pool,
		metrics,
		logger,
		random: deps.random,
		options: {
			url: config.n8n.webhookUrl,
			secret: config.n8n.forwardSecret,
			...config.forward,
		},
		handOff: chatwoot
			? (batch, lastError) =>
					handOffDeadLetter({ db: pool, chatwoot, logger, departments }, batch, lastError)
			: undefined,
	});
	const onQueued = (dueAt: Date | null) => forwarder.wake(dueAt);
	let reminderJobs: Jobs | null = null;
	// One reader (a minute's cache) for the webhook service and the reconciler.
	const optOutKeywords = optOutKeywordsFrom(config, deps.broadcastRecords);
	const reconciler = chatwoot
		? new Reconciler({
				pool,
				chatwoot,
				metrics,
				logger,
				clock,
				debounce: config.debounce,
				intervalMs: config.reconcile.intervalMs,
				lookbackMs: config.reconcile.lookbackMs,
				unansweredAfterMs: config.reconcile.unansweredAfterMs,
				departments,
				onQueued,
				optOutKeywords,
			})
		: null;
	const housekeeping = new Housekeeping({
		db: pool,
		logger,
		clock,
		retentionDays: config.housekeeping.retentionDays,
		intervalMs: config.housekeeping.intervalMs,
	});
	const webhookService = createWebhookService({
		pool,
		metrics,
		secrets: config.webhookSecrets,
		toleranceSeconds: config.signatureToleranceSeconds,
		debounce: config.debounce,
		clock,
		accountId: config.accountId,
		onQueued,
		logger,
		optOutKeywords,
	});
	// Needs a user's API token: the Chatwoot client the reconciler uses.
	const stageMirror =
		chatwoot && config.accountId
			? new StageMirror({
					db: pool,
					contacts: chatwoot.contacts,
					accountId: config.accountId,
					logger,
					intervalMs: config.stageMirror.intervalMs,
				})
			: null;
	const metaForwarder = config.meta
		? new MetaForwarder({
				pool,
				logger,
				metrics,
				random: deps.random,
				options: {
					chatwootUrl: config.meta.chatwootUrl,
					appSecret: config.meta.appSecret,
					timeoutMs: config.forward.timeoutMs,
					maxAttempts: config.meta.maxAttempts,
					backoffMs: config.forward.backoffMs,
					backoffMaxMs: config.forward.backoffMaxMs,
					pollMs: config.forward.pollMs,
					// Four posts at once, each then a settle: most of the pool (10) stays with the acks.
					concurrency: 4,
				},
			})
		: null;
	const statusApplier = config.meta
		? new StatusApplier({
				pool,
				logger,
				metrics,
				hook: deps.deliveryStatuses ?? broadcastStatusHook(pool),
				intervalMs: config.forward.pollMs,
			})
		: null;
	const metaService = config.meta
		? createMetaWebhookService({
				pool,
				logger,
				metrics,
				appSecret: config.meta.appSecret,
				verifyToken: config.meta.verifyToken,
				isOwnSend: isBroadcastSend,
				knownNumbers: deps.whatsappNumbers ?? knownWhatsappNumbers(config.meta.chatwootConfigFile),
				onStored: ({ forwardable, statuses }) => {
					if (forwardable > 0) metaForwarder?.wake();
					if (statuses > 0) statusApplier?.nudge();
				},
			})
		: null;
	const n8nHealthUrl = n8nHealthUrlFor(config.n8n.webhookUrl);
	const app = createApp({
		logger,
		metrics,
		webhookService,
		metaService,
		readiness: () => checkReadiness({ pool, n8nHealthUrl }),
		bodyLimitBytes: config.bodyLimitBytes,
	});
	return {
		app,
		metrics,
		forwarder,
		reconciler,
		housekeeping,
		stageMirror,
		metaForwarder,
		statusApplier,
		async start() {
			await migrate(pool, { logger });
			forwarder.start();
			reconciler?.start();
			housekeeping.start();
			stageMirror?.start();
			metaForwarder?.start();
			statusApplier?.start();
			reminderJobs = config.reminders ? startReminders(config, logger) : null;
			if (!reconciler) logger.warn('gateway: reconciler off (no Chatwoot API settings)');
			if (chatwoot && !departments) {
				logger.warn('gateway: dead letters are handed off without a team (no Directus settings)');
			}
		},
		async stop() {
			await Promise.all([
				forwarder.stop(),
				reconciler?.stop(),
				housekeeping.stop(),
				stageMirror?.stop(),
				metaForwarder?.stop(),
				statusApplier?.stop(),
				reminderJobs?.stop(),
			]);
		},
	};
}

/**
 * Appointment reminders: each due job (glue/src/booking) is posted to workflow 07. In the
 * background: the gateway's intake must not wait for, or fail with, the job queue.
 */
function startReminders(config: GatewayConfig, logger: GatewayLogger): Jobs | null {
	if (!config.reminders || !config.databaseUrl) return null;
	// Two connections: the relay only polls one queue and posts what is due.
	const jobs = createJobs({ connectionString: config.databaseUrl, logger, maxConnections: 2 });
	const url = config.reminders.url;
	void jobs
		.start()
		.then(() => startReminderRelay({ jobs, url, secret: config.n8n.forwardSecret, logger }))
		.catch((error: unknown) =>
			logger.warn('gateway: appointment reminders are off (the job queue did not start)', {
				error: error instanceof Error ? error.message : String(error),
			}),
		);
	return jobs;
}

function directusDepartments(
	config: GatewayConfig,
	logger: GatewayLogger,
): (() => Promise<Department[]>) | undefined {
	if (!config.directus) return undefined;
	const reader = createContentReader({ ...config.directus, logger });
	return () => reader.departments();
}

/**
 * Marketing's opt-out words, read as workflow 01 reads them (one cache, a minute). A short
 * timeout: the read happens while Chatwoot waits for the webhook's answer (it gives up after 5 s).
 */
function optOutKeywordsFrom(
	config: GatewayConfig,
	injected: BroadcastRecords | undefined,
): (() => Promise<readonly OptOutKeywords[]>) | undefined {
	const records =
		injected ??
		(config.directus &&
			directusBroadcastRecords(connectDirectus<object>({ ...config.directus, timeoutMs: 2_000 })));
	if (!records) return undefined;
	return () => optOutKeywordsOf({ records });
}
