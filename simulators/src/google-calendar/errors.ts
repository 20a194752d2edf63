// The Calendar API's error envelope (reference/google-calendar.md §3.1) and the token endpoint's
// OAuth errors (§1.4), with the catalogue's exact wording. Clients key on status and reason.
import type { Response } from 'express';

export interface ErrorItem {
	domain: string;
	reason: string;
	message: string;
	locationType?: string;
	location?: string;
}

const STATUS_NAMES: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	409: 'ALREADY_EXISTS',
	410: 'NOT_FOUND',
	412: 'FAILED_PRECONDITION',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	503: 'UNAVAILABLE',
};

export interface GoogleErrorBody {
	error: { code: number; message: string; errors: ErrorItem[]; status?: string };
}

export function googleErrorBody(code: number, item: ErrorItem, withStatus = true): GoogleErrorBody {
	const status = STATUS_NAMES[code];
	return {
		error: {
			code,
			message: item.message,
			errors: [item],
			...(withStatus && status ? { status } : {}),
		},
	};
}

export function sendError(res: Response, code: number, item: ErrorItem): void {
	res.status(code).json(googleErrorBody(code, item));
}

/** The errors the simulator answers, by name; faults reuse them (POST /__sim/errors). */
export const CATALOG = {
	authError: {
		code: 401,
		item: {
			domain: 'global',
			reason: 'authError',
			message: 'Invalid Credentials',
			locationType: 'header',
			location: 'Authorization',
		},
	},
	insufficientPermissions: {
		code: 403,
		item: {
			domain: 'global',
			reason: 'insufficientPermissions',
			message: 'Request had insufficient authentication scopes.',
		},
	},
	rateLimitExceeded: {
		code: 403,
		item: { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
	},
	userRateLimitExceeded: {
		code: 403,
		item: {
			domain: 'usageLimits',
			reason: 'userRateLimitExceeded',
			message: 'User Rate Limit Exceeded',
		},
	},
	quotaExceeded: {
		code: 403,
		item: {
			domain: 'usageLimits',
			reason: 'quotaExceeded',
			message: 'Calendar usage limits exceeded.',
		},
	},
	tooManyRequests: {
		code: 429,
		item: { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
	},
	backendError: {
		code: 500,
		item: { domain: 'global', reason: 'backendError', message: 'Backend Error' },
	},
	notFound: { code: 404, item: { domain: 'global', reason: 'notFound', message: 'Not Found' } },
	duplicate: {
		code: 409,
		item: {
			domain: 'global',
			reason: 'duplicate',
			message: 'The requested identifier already exists.',
		},
	},
	deleted: {
		code: 410,
		item: { domain: 'calendar', reason: 'deleted', message: 'Resource has been deleted' },
	},
	conditionNotMet: {
		code: 412,
		item: {
			domain: 'global',
			reason: 'conditionNotMet',
			message: 'Precondition Failed',
			locationType: 'header',
			location: 'If-Match',
		},
	},
	invalidId: {
		code: 400,
		item: { domain: 'global', reason: 'invalid', message: 'Invalid resource id value.' },
	},
	timeRangeEmpty: {
		code: 400,
		item: {
			domain: 'calendar',
			reason: 'timeRangeEmpty',
			message: 'The specified time range is empty.',
			locationType: 'parameter',
			location: 'timeMax',
		},
	},
	fullSyncRequired: {
		code: 410,
		item: {
			domain: 'calendar',
			reason: 'fullSyncRequired',
			message: 'Sync token is no longer valid, a full sync is required.',
			locationType: 'parameter',
			location: 'syncToken',
		},
	},
} as const satisfies Record<string, { code: number; item: ErrorItem }>;
export type CatalogError = keyof typeof CATALOG;

export function sendCatalogError(res: Response, name: CatalogError): void {
	const { code, item } = CATALOG[name];
	sendError(res, code, item);
}

export function invalid(message: string, location?: string): ErrorItem {
	return {
		domain: 'global',
		reason: 'invalid',
		message,
		...(location ? { locationType: 'parameter', location } : {}),
	};
}

export function required(message: string, location?: string): ErrorItem {
	return {
		domain: 'global',
		reason: 'required',
		message,
		...(location ? { locationType: 'parameter', location } : {}),
	};
}

/** The token endpoint's errors (RFC 6749 §5.2): `{error, error_description}`. */
export function sendOAuthError(
	res: Response,
	status: number,
	error: string,
	description: string,
): void {
	res.status(status).json({ error, error_description: description });
}
