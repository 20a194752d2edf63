// Builds the gateway's express app and its HTTP server without listening: main.ts listens, tests
// listen on port 0.
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import { errorHandler, notFound } from './common/error-handler.ts';
import type { GatewayLogger } from './common/logger.ts';
import { requestId } from './common/request-id.ts';
import { requestLogger } from './common/request-logger.ts';
import { securityHeaders } from './common/security-headers.ts';
import { healthRouter } from './health/health.router.ts';
import type { Readiness } from './health/readiness.ts';
import { metaWebhookRouter } from './meta/meta.router.ts';
import type { MetaWebhookService } from './meta/meta.service.ts';
import type { GatewayMetrics } from './metrics/gateway-metrics.ts';
import { webhookRouter } from './webhooks/webhook.router.ts';
import type { WebhookService } from './webhooks/webhook.service.ts';

export interface AppDeps {
	logger: GatewayLogger;
	metrics: GatewayMetrics;
	webhookService: WebhookService;
	/** Meta's WhatsApp callback, when configured. */
	metaService?: MetaWebhookService | null;
	readiness: () => Promise<Readiness>;
	bodyLimitBytes: number;
}

export function createApp(deps: AppDeps): Express {
	const app = express();
	app.disable('x-powered-by');
	app.use(securityHeaders);
	app.use(requestId);
	app.use(requestLogger(deps.logger));
	// No app-wide body parser: only the webhook takes a body, and it wants the raw bytes.
	app.use(
		'/webhooks',
		webhookRouter({
			service: deps.webhookService,
			metrics: deps.metrics,
			bodyLimitBytes: deps.bodyLimitBytes,
		}),
	);
	if (deps.metaService) app.use('/webhooks', metaWebhookRouter(deps.metaService, deps.metrics));
	app.use(healthRouter({ readiness: deps.readiness, registry: deps.metrics.registry }));
	app.use(notFound);
	app.use(errorHandler);
	return app;
}

export interface HttpTimeouts {
	headersTimeoutMs: number;
	requestTimeoutMs: number;
}

/**
 * The server the app runs in. A client that trickles its headers or body is answered 408 and cut
 * off after the timeouts; Node checks them every 30 s by default, far too coarse for seconds.
 */
export function createHttpServer(app: Express, timeouts: HttpTimeouts): Server {
	return createServer(
		{
			headersTimeout: timeouts.headersTimeoutMs,
			requestTimeout: timeouts.requestTimeoutMs,
			connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
		},
		app,
	);
}
