// POST /token as oauth2.googleapis.com answers it (reference §1.3, §1.4): the refresh-token grant
// google-auth-library's OAuth2Client sends, and the service-account JWT bearer grant its JWT
// client sends. Access tokens last an hour on the simulator's clock; a Bearer token that is
// unknown or expired gets the Calendar API's 401 authError.
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SimClock } from './clock.ts';
import { sendCatalogError, sendOAuthError } from './errors.ts';

export const TOKEN_LIFETIME_SECONDS = 3599;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
export const FULL_SCOPE = 'https://www.googleapis.com/auth/calendar';

interface AccessToken {
	expiresAt: number;
	scopes: string[];
	/** Who the token acts as: the refresh token's user or the JWT's sub (or iss). */
	principal: string;
}

export interface RefreshTokenGrant {
	refreshToken: string;
	clientId?: string;
	clientSecret?: string;
	/** Space-separated, as consented; default the full calendar scope. */
	scope?: string;
	user?: string;
}

export class TokenStore {
	private readonly access = new Map<string, AccessToken>();
	private readonly refresh = new Map<string, RefreshTokenGrant>();
	private readonly revoked = new Set<string>();
	/** Service-account public keys by client_email; a JWT from an unregistered one is accepted unsigned-checked. */
	readonly serviceAccountKeys = new Map<string, string>();
	/** Requests answered by the token endpoint, by grant type, for tests. */
	readonly issued: { grantType: string; principal: string }[] = [];

	private readonly clock: SimClock;

	constructor(clock: SimClock) {
		this.clock = clock;
	}

	registerRefreshToken(grant: RefreshTokenGrant): void {
		this.refresh.set(grant.refreshToken, grant);
		this.revoked.delete(grant.refreshToken);
	}

	revokeRefreshToken(token: string): void {
		this.revoked.add(token);
	}

	/** Every access token issued so far stops working (as if revoked early). */
	expireAll(): void {
		for (const token of this.access.values()) token.expiresAt = 0;
	}

	issue(scopes: string[], principal: string, grantType: string): string {
		const token = `ya29.sim-${randomBytes(18).toString('base64url')}`;
		this.access.set(token, {
			expiresAt: this.clock.now() + TOKEN_LIFETIME_SECONDS * 1000,
			scopes,
			principal,
		});
		this.issued.push({ grantType, principal });
		return token;
	}

	lookup(token: string): AccessToken | null {
		const found = this.access.get(token);
		return found && found.expiresAt > this.clock.now() ? found : null;
	}

	refreshGrant(token: string): RefreshTokenGrant | 'revoked' | null {
		if (this.revoked.has(token)) return 'revoked';
		return this.refresh.get(token) ?? null;
	}

	reset(): void {
		this.access.clear();
		this.refresh.clear();
		this.revoked.clear();
		this.issued.length = 0;
	}
}

function field(body: unknown, name: string): string | undefined {
	const value = (body as Record<string, unknown> | undefined)?.[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | null {
	if (!segment) return null;
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

export function tokenHandler(tokens: TokenStore, options: { acceptUnknownRefreshTokens: boolean }) {
	return (req: Request, res: Response) => {
		const grantType = field(req.body, 'grant_type');
		if (grantType === 'refresh_token') {
			const refreshToken = field(req.body, 'refresh_token');
			const clientId = field(req.body, 'client_id');
			if (!refreshToken) {
				sendOAuthError(res, 400, 'invalid_request', 'Missing required parameter: refresh_token');
				return;
			}
			if (!clientId) {
				sendOAuthError(res, 400, 'invalid_request', 'Could not determine client ID from request.');
				return;
			}
			const grant = tokens.refreshGrant(refreshToken);
			if (grant === 'revoked' || (grant === null && !options.acceptUnknownRefreshTokens)) {
				sendOAuthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.');
				return;
			}
			if (
				grant &&
				((grant.clientId && grant.clientId !== clientId) ||
					(grant.clientSecret && grant.clientSecret !== field(req.body, 'client_secret')))
			) {
				sendOAuthError(res, 401, 'invalid_client', 'Unauthorized');
				return;
			}
			const scope = grant?.scope ?? FULL_SCOPE;
			const accessToken = tokens.issue(scope.split(' '), grant?.user ?? 'user', grantType);
			res.json({
				access_token: accessToken,
				expires_in: TOKEN_LIFETIME_SECONDS,
				scope,
				token_type: 'Bearer',
			});
			return;
		}
		if (grantType === JWT_BEARER) {
			const assertion = field(req.body, 'assertion') ?? '';
			const [header, claims, signature] = assertion.split('.');
			const head = decodeSegment(header);
			const payload = decodeSegment(claims);
			if (!head || !payload || signature === undefined) {
				sendOAuthError(res, 400, 'invalid_grant', 'Invalid JWT: malformed assertion.');
				return;
			}
			const iss = typeof payload.iss === 'string' ? payload.iss : '';
			const iat = Number(payload.iat);
			const exp = Number(payload.exp);
			if (
				!Number.isFinite(iat) ||
				!Number.isFinite(exp) ||
				exp - iat > 3600 ||
				exp * 1000 <= Date.now()
			) {
				sendOAuthError(
					res,
					400,
					'invalid_grant',
					'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
				);
				return;
			}
			const key = tokens.serviceAccountKeys.get(iss);
			if (key && !verifyRs256(`${header}.${claims}`, signature, key)) {
				sendOAuthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
				return;
			}
			if (payload.aud !== GOOGLE_TOKEN_AUDIENCE || !iss) {
				sendOAuthError(res, 400, 'invalid_grant', 'Invalid JWT: bad audience or issuer.');
				return;
			}
			const scope = typeof payload.scope === 'string' ? payload.scope : '';
			if (!scope) {
				sendOAuthError(
					res,
					400,
					'invalid_scope',
					'Invalid OAuth scope or ID token audience provided.',
				);
				return;
			}
			const principal = typeof payload.sub === 'string' ? payload.sub : iss;
			res.json({
				access_token: tokens.issue(scope.split(' '), principal, grantType),
				expires_in: TOKEN_LIFETIME_SECONDS,
				token_type: 'Bearer',
			});
			return;
		}
		sendOAuthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
	};
}

function verifyRs256(signed: string, signature: string, publicKeyPem: string): boolean {
	try {
		const verifier = createVerify('RSA-SHA256');
		verifier.update(signed);
		return verifier.verify(createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
	} catch {
		return false;
	}
}

/** Scopes that allow a kind of call (reference §1.2). */
export const SCOPES_FOR = {
	freeBusy: [
		FULL_SCOPE,
		`${FULL_SCOPE}.readonly`,
		`${FULL_SCOPE}.freebusy`,
		`${FULL_SCOPE}.events.freebusy`,
	],
	readEvents: [
		FULL_SCOPE,
		`${FULL_SCOPE}.readonly`,
		`${FULL_SCOPE}.events`,
		`${FULL_SCOPE}.events.readonly`,
		`${FULL_SCOPE}.events.owned`,
		`${FULL_SCOPE}.app.created`,
	],
	writeEvents: [
		FULL_SCOPE,
		`${FULL_SCOPE}.events`,
		`${FULL_SCOPE}.events.owned`,
		`${FULL_SCOPE}.app.created`,
	],
} as const;

/** Requires a live Bearer token carrying one of `scopes`. */
export function requireToken(tokens: TokenStore, scopes: readonly string[]) {
	return (req: Request, res: Response, next: NextFunction) => {
		const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
		const token = match?.[1] ? tokens.lookup(match[1]) : null;
		if (!token) {
			sendCatalogError(res, 'authError');
			return;
		}
		if (!token.scopes.some((scope) => scopes.includes(scope))) {
			sendCatalogError(res, 'insufficientPermissions');
			return;
		}
		next();
	};
}
