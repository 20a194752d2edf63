import type { NextFunction, Request, Response } from 'express';
import { newId } from '../state/ids.ts';

// A fixed organisation: the real API sends one per key, and nothing in the SDK reads it.
const organizationId = '4c1d1f6e-5a0b-4f5e-9b8a-0c2e1d3f4a5b';

/** Every response carries `request-id`: the SDK takes `_request_id` and `err.requestID` only from it. */
export function requestContext(_req: Request, res: Response, next: NextFunction): void {
	res.set({ 'request-id': newId.request(), 'anthropic-organization-id': organizationId });
	next();
}
