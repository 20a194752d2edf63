import type { NextFunction, Request, Response } from 'express';
import { send, ServiceResponse } from './service-response.ts';

export function notFound(_req: Request, res: Response): void {
	send(res, ServiceResponse.failure('not found', null, 404));
}

/**
 * The last resort: the error goes to the request log through res.locals, the caller gets a generic
 * 500 (Chatwoot retries an agent-bot delivery on 500, which is what a database outage needs).
 */
export function errorHandler(
	error: unknown,
	_req: Request,
	res: Response,
	next: NextFunction,
): void {
	if (res.headersSent) {
		next(error);
		return;
	}
	res.locals.error = error;
	send(res, ServiceResponse.failure('internal error', null, 500));
}
