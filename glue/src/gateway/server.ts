// Builds the gateway's express app without listening: index.ts listens, tests listen on port 0.
import express, { type Express } from 'express';
import { errorHandler, notFound } from './common/error-handler.ts';
import type { GatewayLogger } from './common/logger.ts';
import { requestId } from './common/request-id.ts';
import { requestLogger } from './common/request-logger.ts';
import { securityHeaders } from './common/security-headers.ts';
import { healthRouter } from './health/health.router.ts';
import type { Readiness } from './health/readiness.ts';
import type { GatewayMetrics } from './metrics/gateway-metrics.ts';
import { webhookRouter } from './webhooks/webhook.router.ts';
import type { WebhookService } from './webhooks/webhook.service.ts';

export interface AppDeps {
	logger: GatewayLogger;
	metrics: GatewayMetrics;
	webhookService: WebhookService;
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
	app.use(healthRouter({ readiness: deps.readiness, registry: deps.metrics.registry }));
	app.use(notFound);
	app.use(errorHandler);
	return app;
}
