// GET and POST /webhooks/meta: Meta's WhatsApp callback. The POST body stays raw bytes, because
// X-Hub-Signature-256 covers exactly what Meta sent.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { META_SIGNATURE_HEADER } from '../../common/headers.ts';
import { send, ServiceResponse } from '../common/service-response.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { MetaWebhookService } from './meta.service.ts';

// Meta's limit for a WhatsApp webhook (reference/meta.md §0).
const META_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

export function metaWebhookRouter(service: MetaWebhookService, metrics?: GatewayMetrics): Router {
	const router = express.Router();
	router.get('/meta', (req: Request, res: Response) => {
		const challenge = service.handshake(req.query as Record<string, unknown>);
		res.locals.logFields = { outcome: challenge === null ? 'refused' : 'verified' };
		if (challenge === null) {
			send(res, ServiceResponse.failure('verification refused', null, 403));
			return;
		}
		res.status(200).type('text/plain').send(challenge);
	});
	router.post(
		'/meta',
		(_req: Request, res: Response, next: NextFunction) => {
			const started = process.hrtime.bigint();
			res.on('finish', () => {
				metrics?.metaAckSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
			});
			next();
		},
		express.raw({ type: () => true, limit: META_BODY_LIMIT_BYTES }),
		async (req: Request, res: Response) => {
			const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
			const outcome = await service.handle(rawBody, req.get(META_SIGNATURE_HEADER));
			if (outcome.kind === 'rejected') {
				res.locals.logFields = { outcome: 'rejected', reason: outcome.reason };
				send(
					res,
					ServiceResponse.failure(
						outcome.status === 401 ? 'signature rejected' : 'malformed webhook',
						{ reason: outcome.reason },
						outcome.status,
					),
				);
				return;
			}
			const { kind, ...data } = outcome;
			res.locals.logFields = { outcome: kind, webhookId: data.webhookId, stored: data.stored };
			// A broadcast brings about 700 of these a second: one info line each would drown the log.
			res.locals.quiet = true;
			send(res, ServiceResponse.success(kind, { outcome: kind, ...data }));
		},
		(error: unknown, _req: Request, res: Response, next: NextFunction) => {
			const type = (error as { type?: unknown } | null)?.type;
			if (typeof type !== 'string') {
				next(error);
				return;
			}
			const tooLarge = type === 'entity.too.large';
			const reason = tooLarge ? 'too_large' : 'unreadable_body';
			res.locals.logFields = { outcome: 'rejected', reason };
			send(res, ServiceResponse.failure('malformed webhook', { reason }, tooLarge ? 413 : 400));
		},
	);
	return router;
}
