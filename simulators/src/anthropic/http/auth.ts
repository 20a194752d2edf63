import type { NextFunction, Request, Response } from 'express';
import { ApiError, sendError } from './errors.ts';

export const API_VERSIONS = ['2023-06-01', '2026-10-21'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

function isApiVersion(value: string): value is ApiVersion {
	return (API_VERSIONS as readonly string[]).includes(value);
}

/** Only valid after `requireVersion` ran. */
export function apiVersionOf(req: Request): ApiVersion {
	const version = req.get('anthropic-version') ?? '';
	return isApiVersion(version) ? version : '2026-10-21';
}

// SDK 1.x sends `Authorization: Bearer`, 0.x sends `x-api-key`; with both the real API uses x-api-key.
function apiKeyOf(req: Request): { key?: string; malformed: boolean } {
	const apiKey = req.get('x-api-key');
	if (apiKey) return { key: apiKey, malformed: false };
	const authorization = req.get('authorization');
	if (!authorization) return { malformed: false };
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
	return bearer?.[1] ? { key: bearer[1], malformed: false } : { malformed: true };
}

/** 401 without a key; with `apiKeys` given, also 401 for any other key. */
export function requireApiKey(apiKeys: ReadonlySet<string> | undefined) {
	return (req: Request, res: Response, next: NextFunction): void => {
		const { key, malformed } = apiKeyOf(req);
		if (key === undefined && !malformed) {
			sendError(res, new ApiError(401, 'x-api-key header is required'));
			return;
		}
		if (key === undefined || (apiKeys && !apiKeys.has(key))) {
			sendError(res, new ApiError(401, 'invalid x-api-key'));
			return;
		}
		next();
	};
}

export function requireVersion(req: Request, res: Response, next: NextFunction): void {
	const version = req.get('anthropic-version');
	if (!version) {
		sendError(res, new ApiError(400, 'anthropic-version: header is required'));
		return;
	}
	if (!isApiVersion(version)) {
		sendError(res, new ApiError(400, `anthropic-version: "${version}" is not a valid version`));
		return;
	}
	next();
}
