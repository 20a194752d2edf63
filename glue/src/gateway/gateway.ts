// Wires the gateway's parts from its configuration: the app, the forwarder and the reconciler,
// sharing one pool, one logger and one set of metrics. Nothing here listens or reads process.env.
import type { Express } from 'express';
import { createChatwootClient, type ChatwootClient } from '../chatwoot/client.ts';
import { createContentReader } from '../content/reader.ts';
import type { Department } from '../content/schemas.ts';
import type { TransactionPool } from '../log-store/ledger-queue.ts';
import { Housekeeping } from '../housekeeping/housekeeping.ts';
import { migrate } from '../log-store/migrate.ts';
import type { Queryable } from '../log-store/repository.ts';
import { StageMirror } from '../stages/mirror-loop.ts';
import type { GatewayLogger } from './common/logger.ts';
import type { GatewayConfig } from './config.ts';
import { handOffDeadLetter } from './dead-letters/dead-letter-handoff.ts';
import { Forwarder } from './forwarder/forwarder.ts';
import { checkReadiness, n8nHealthUrlFor } from './health/readiness.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics.ts';
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
	/** Applies the log store's migrations, then starts forwarding, reconciling and housekeeping. */
	start(): Promise<void>;
	/** Stops both loops and waits for work in flight; the pool stays the caller's to close. */
	stop(): Promise<void>;
}

export function createGateway(config: GatewayConfig, deps: GatewayDeps): Gateway {
	const { pool, logger } = deps;
	const clock = deps.clock ?? (() => new Date());
	const metrics = createGatewayMetrics();
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
	const n8nHealthUrl = n8nHealthUrlFor(config.n8n.webhookUrl);
	const app = createApp({
		logger,
		metrics,
		webhookService,
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
		async start() {
			await migrate(pool, { logger });
			forwarder.start();
			reconciler?.start();
			housekeeping.start();
			stageMirror?.start();
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
			]);
		},
	};
}

function directusDepartments(
	config: GatewayConfig,
	logger: GatewayLogger,
): (() => Promise<Department[]>) | undefined {
	if (!config.directus) return undefined;
	const reader = createContentReader({ ...config.directus, logger });
	return () => reader.departments();
}
