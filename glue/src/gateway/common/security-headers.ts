import type { NextFunction, Request, Response } from 'express';

// The gateway only ever answers JSON or metrics text to machines: nothing may be sniffed, framed
// or cached on the way.
const HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
	'Referrer-Policy': 'no-referrer',
	'Cache-Control': 'no-store',
	'Cross-Origin-Resource-Policy': 'same-origin',
};

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
	res.set(HEADERS);
	next();
}
