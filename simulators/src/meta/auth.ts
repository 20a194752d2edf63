import type { NextFunction, Request, Response } from 'express';
import type { AccessToken } from './config.ts';
import { expiredToken, invalidToken, missingToken, permissionDenied } from './error-catalog.ts';
import type { MetaSimState } from './state.ts';

/** The token from `Authorization: Bearer|OAuth …`, or the `access_token` query or body parameter. */
export function extractToken(req: Request): string | undefined {
	const header = req.get('authorization');
	const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim()) : null;
	if (match?.[1]) return match[1];
	const fromQuery = req.query.access_token;
	if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
	const body: unknown = req.body;
	if (
		body &&
		typeof body === 'object' &&
		'access_token' in body &&
		typeof body.access_token === 'string'
	) {
		return body.access_token || undefined;
	}
	return undefined;
}

/** Missing → 104, unknown → 190, expired → 190/463, checked before anything else as Graph does. */
export function authenticate(state: MetaSimState) {
	return (req: Request, res: Response, next: NextFunction): void => {
		const value = extractToken(req);
		if (!value) throw missingToken();
		const token = state.token(value);
		if (!token) throw invalidToken();
		const now = state.clock.now();
		if (token.expiresAt !== undefined && token.expiresAt <= now)
			throw expiredToken(token.expiresAt, now);
		res.locals.accessToken = token;
		next();
	};
}

export function tokenOf(res: Response): AccessToken {
	return res.locals.accessToken as AccessToken;
}

/** A token limited to some assets may act only on nodes belonging to one of them (else #200). */
export function assertAsset(token: AccessToken, ...ids: string[]): void {
	if (token.assets && !ids.some((id) => token.assets?.includes(id))) throw permissionDenied();
}
