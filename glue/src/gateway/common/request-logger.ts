import type { NextFunction, Request, Response } from 'express';
import { errorFields, type GatewayLogger } from './logger.ts';

// Probes and scrapes arrive every few seconds; at info they would drown the webhook lines.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One line per request when it finishes, its level from the status class. It carries what
 * handlers put in res.locals.logFields (ids, outcomes), never a body.
 */
export function requestLogger(logger: GatewayLogger) {
	return (req: Request, res: Response, next: NextFunction): void => {
		const started = process.hrtime.bigint();
		res.on('finish', () => {
			const status = res.statusCode;
			const locals = res.locals as {
				requestId?: string;
				logFields?: object;
				error?: unknown;
				/** A handler's say that its successes are routine (Meta's status webhooks, 1,000/s). */
				quiet?: boolean;
			};
			const level =
				status >= 500
					? 'error'
					: status >= 400
						? 'warn'
						: QUIET_PATHS.has(req.path) || locals.quiet
							? 'debug'
							: 'info';
			logger.log(level, 'gateway: request', {
				requestId: locals.requestId,
				method: req.method,
				path: req.path,
				status,
				durationMs: Number(process.hrtime.bigint() - started) / 1e6,
				...locals.logFields,
				...(locals.error === undefined ? {} : errorFields(locals.error)),
			});
		});
		next();
	};
}
