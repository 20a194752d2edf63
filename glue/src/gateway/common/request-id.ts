import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER } from '../../common/headers.ts';

// A caller's id is kept only when it looks like an id, so it is safe to echo and to log.
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** X-Request-Id from the caller or a new one, echoed back and kept in res.locals.requestId. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
	const given = req.get(REQUEST_ID_HEADER);
	const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
	res.locals.requestId = id;
	res.setHeader(REQUEST_ID_HEADER, id);
	next();
}
