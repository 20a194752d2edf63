// POST /webhooks/chatwoot: the agent bot's and the account webhook's deliveries. The body stays raw
// bytes, because the signature covers exactly what Chatwoot sent.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { send, ServiceResponse } from '../common/service-response.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { webhookController } from './webhook.controller.ts';
import type { WebhookService } from './webhook.service.ts';

export interface WebhookRouterDeps {
	service: WebhookService;
	metrics: GatewayMetrics;
	bodyLimitBytes: number;
}

export function webhookRouter(deps: WebhookRouterDeps): Router {
	const router = express.Router();
	router.post(
		'/chatwoot',
		countAndTime(deps.metrics),
		express.raw({ type: () => true, limit: deps.bodyLimitBytes }),
		webhookController(deps.service),
		bodyErrors(deps.metrics),
	);
	return router;
}

/** Counts every delivery and how long its answer took, whatever the answer. */
function countAndTime(metrics: GatewayMetrics) {
	return (_req: Request, res: Response, next: NextFunction): void => {
		metrics.received.inc();
		const started = process.hrtime.bigint();
		res.on('finish', () => {
			metrics.ackSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
		});
		next();
	};
}

/** body-parser's failures: too large is 413, anything else about reading the body is 400. */
function bodyErrors(metrics: GatewayMetrics) {
	return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
		const type = (error as { type?: unknown } | null)?.type;
		if (typeof type !== 'string') {
			next(error);
			return;
		}
		const tooLarge = type === 'entity.too.large';
		const reason = tooLarge ? 'too_large' : 'unreadable_body';
		metrics.rejected.inc({ reason });
		res.locals.logFields = { outcome: 'rejected', reason };
		send(res, ServiceResponse.failure('malformed webhook', { reason }, tooLarge ? 413 : 400));
	};
}
