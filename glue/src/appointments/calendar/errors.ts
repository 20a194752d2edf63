// What the Google Calendar API's failures become. Decisions key on the HTTP status and
// `errors[0].reason`, never on the message (localised, and it varies; reference §3.1).
import { z } from 'zod/v4';
import { RemoteError } from '../../common/remote-error.ts';

/** Any failed exchange with Google Calendar (or its token endpoint). */
export class CalendarError extends RemoteError {
	/** `errors[0].reason` of Google's envelope (e.g. "backendError"), or the OAuth `error`. */
	readonly reason: string | null;

	constructor(
		message: string,
		fields: {
			code: string;
			remoteStatus: number | null;
			reason: string | null;
			retryable?: boolean;
			cause?: unknown;
		},
	) {
		super(message, { vendor: 'google', ...fields });
		this.name = 'CalendarError';
		this.reason = fields.reason;
	}
}

/** 403/429 rateLimitExceeded or userRateLimitExceeded: back off and repeat the same request. */
export class CalendarRateLimitedError extends CalendarError {
	constructor(status: number, reason: string | null, cause?: unknown) {
		super(`Google Calendar is rate limiting us (${[status, reason].filter(Boolean).join(' ')}).`, {
			code: 'GOOGLE_CALENDAR_RATE_LIMITED',
			remoteStatus: status,
			reason,
			retryable: true,
			cause,
		});
		this.name = 'CalendarRateLimitedError';
	}
}

/**
 * 403 quotaExceeded: the calendar's usage (abuse) limits; it stays read-only for hours, so
 * waiting inside a chat turn is pointless (reference §3.4).
 */
export class CalendarQuotaExceededError extends CalendarError {
	constructor(cause?: unknown) {
		super('Google Calendar usage limits exceeded: the calendar is read-only for a few hours.', {
			code: 'GOOGLE_CALENDAR_QUOTA_EXCEEDED',
			remoteStatus: 403,
			reason: 'quotaExceeded',
			cause,
		});
		this.name = 'CalendarQuotaExceededError';
	}
}

/**
 * The credentials do not work: 401 even after a fresh token, or the token endpoint refused
 * (invalid_grant: the refresh token was revoked or expired; unauthorized_client: delegation).
 * Someone must reconnect the Google account.
 */
export class CalendarAuthError extends CalendarError {
	constructor(status: number | null, reason: string | null, cause?: unknown) {
		super(
			`Google refused our credentials (${[status ?? 'no answer', reason].filter(Boolean).join(' ')}): reconnect the Google account (see README, Google Calendar).`,
			{ code: 'GOOGLE_CALENDAR_AUTH', remoteStatus: status, reason, cause },
		);
		this.name = 'CalendarAuthError';
	}
}

const envelope = z.object({
	error: z.union([
		z.object({
			code: z.number().optional(),
			message: z.string().optional(),
			errors: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
			status: z.string().optional(),
		}),
		// The token endpoint: {"error":"invalid_grant","error_description":"..."}.
		z.string(),
	]),
});

interface GaxiosLikeError {
	status?: number;
	response?: { status: number; data: unknown };
	code?: string;
	message: string;
}

function reasonOf(data: unknown): { reason: string | null; message: string | null } {
	let body = data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return { reason: null, message: null };
		}
	}
	const parsed = envelope.safeParse(body);
	if (!parsed.success) return { reason: null, message: null };
	const error = parsed.data.error;
	if (typeof error === 'string') return { reason: error, message: null };
	return { reason: error.errors?.[0]?.reason ?? null, message: error.message ?? null };
}

const RATE_LIMITS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const OAUTH_REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** A thrown client error as one of ours; an error of ours passes through. */
export function toCalendarError(error: unknown): CalendarError {
	if (error instanceof CalendarError) return error;
	const failure = (error ?? {}) as GaxiosLikeError;
	const status = failure.response?.status ?? null;
	if (status === null) {
		return new CalendarError(
			`Google Calendar did not answer (${failure.code ?? failure.message ?? 'no response'}).`,
			{ code: 'GOOGLE_CALENDAR_UNREACHABLE', remoteStatus: null, reason: null, cause: error },
		);
	}
	const { reason, message } = reasonOf(failure.response?.data);
	if (reason && OAUTH_REFUSALS.has(reason)) return new CalendarAuthError(status, reason, error);
	if (status === 401) return new CalendarAuthError(status, reason, error);
	if (status === 429 || (status === 403 && reason !== null && RATE_LIMITS.has(reason))) {
		return new CalendarRateLimitedError(status, reason, error);
	}
	if (status === 403 && reason === 'quotaExceeded') return new CalendarQuotaExceededError(error);
	return new CalendarError(
		`Google Calendar answered ${status}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}.`,
		{
			code: status >= 500 ? 'GOOGLE_CALENDAR_SERVER_ERROR' : 'GOOGLE_CALENDAR_REQUEST_FAILED',
			remoteStatus: status,
			reason,
			retryable: status >= 500,
			cause: error,
		},
	);
}
