// The official Google Calendar client (@googleapis/calendar + google-auth-library), built from a
// CalendarConnection, with what the defaults get wrong for booking (reference §3.2): inserts and
// patches are retried too (our event ids make that safe), 403 rate limits and 5xx are retried with
// the library's shared backoff (common/retry.ts, not gaxios's own), quotaExceeded never is; a 401
// gets one fresh token and one more try.
import { createHash } from 'node:crypto';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT, OAuth2Client } from 'google-auth-library';
import { parseRetryAfter, withRetry, type RetryPolicy } from '../../common/retry.ts';
import type { CalendarConnection } from './connection.ts';
import { CalendarError, toCalendarError } from './errors.ts';
import {
	eventListSchema,
	freeBusySchema,
	toCalendarEvent,
	type CalendarEvent,
	type Interval,
	type NewCalendarEvent,
} from './model.ts';

export const CALENDAR_SCOPES = [
	'https://www.googleapis.com/auth/calendar.events',
	// calendar.events alone does not allow freeBusy.query (reference §1.2).
	'https://www.googleapis.com/auth/calendar.freebusy',
];
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
// freeBusy windows past about 90 days fail (reference §2.1, §7.6).
const FREE_BUSY_CHUNK_MS = 60 * 86_400_000;

export const DEFAULT_CALENDAR_RETRY: RetryPolicy = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
};

export interface CalendarClientOptions {
	/** Backoff for 5xx, 403/429 rate limits and lost answers (glue/src/common/retry.ts). */
	retry?: RetryPolicy;
	/** Tests record the waits instead of sleeping them. */
	sleep?: (ms: number) => Promise<void>;
	/** Per request, in ms. Default 15 s. */
	timeoutMs?: number;
}

/** The event id for a booking: lowercase hex (a subset of base32hex), the same on every retry. */
export function eventIdFor(bookingId: string, attempt = 0): string {
	return createHash('sha256').update(`booking:${bookingId}:${attempt}`).digest('hex');
}

/** 409 on insert for an event that is not this booking's, or that was deleted (ids stay burned). */
export class CalendarEventIdTakenError extends CalendarError {
	readonly burned: boolean;

	constructor(eventId: string, burned: boolean) {
		super(
			burned
				? `Google Calendar event ${eventId} was deleted; its id cannot be used again.`
				: `Google Calendar event ${eventId} exists but belongs to another booking.`,
			{ code: 'GOOGLE_CALENDAR_EVENT_ID_TAKEN', remoteStatus: 409, reason: 'duplicate' },
		);
		this.name = 'CalendarEventIdTakenError';
		this.burned = burned;
	}
}

export interface CalendarClient {
	/** Busy stretches of one calendar in [from, to), merged as Google reports them. */
	freeBusy(calendarId: string, from: Date, to: Date): Promise<Interval[]>;
	/**
	 * Creates the booking's event; when the id exists already for this booking (an earlier attempt
	 * that succeeded unheard), returns that event with `created: false`.
	 */
	insertEvent(
		calendarId: string,
		event: NewCalendarEvent,
	): Promise<{ event: CalendarEvent; created: boolean }>;
	/** Events overlapping [from, to), recurring ones expanded, deleted ones left out. */
	listEvents(calendarId: string, from: Date, to: Date): Promise<CalendarEvent[]>;
	/** The event, deleted ones included (status "cancelled"); null when there is none. */
	getEvent(calendarId: string, eventId: string): Promise<CalendarEvent | null>;
	/** Moves or renames the event (Google bumps its sequence when the time changes). */
	patchEvent(
		calendarId: string,
		eventId: string,
		patch: Partial<Pick<NewCalendarEvent, 'summary' | 'description'>> &
			Pick<NewCalendarEvent, 'start' | 'end' | 'timeZone'>,
		options?: { etag?: string },
	): Promise<CalendarEvent>;
	/** 'gone' when it was deleted before or never existed: the time is free either way. */
	deleteEvent(calendarId: string, eventId: string): Promise<'deleted' | 'gone'>;
}

function authFor(connection: CalendarConnection, timeoutMs: number): OAuth2Client {
	if (connection.kind === 'oauth') {
		const client = new OAuth2Client({
			clientId: connection.clientId,
			clientSecret: connection.clientSecret,
			...(connection.tokenUrl ? { endpoints: { oauth2TokenUrl: connection.tokenUrl } } : {}),
		});
		client.setCredentials({ refresh_token: connection.refreshToken });
		return client;
	}
	const jwt = new JWT({
		email: connection.clientEmail,
		key: connection.privateKey,
		scopes: CALENDAR_SCOPES,
		subject: connection.subject,
		transporterOptions: { timeout: timeoutMs },
	});
	const tokenUrl = connection.tokenUrl;
	if (tokenUrl) {
		// The JWT grant's URL is hard-coded (reference §5.2): rewrite it on the client's transport.
		jwt.transporter.interceptors.request.add({
			resolved: async (config) => {
				if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
				return config;
			},
		});
	}
	return jwt;
}

/** Retry-After on a failed answer (fetch Headers in gaxios 7+, a plain object before), in ms. */
function retryAfterOf(error: unknown): number | null {
	const cause = error instanceof CalendarError ? error.cause : error;
	const headers = (cause as { response?: { headers?: unknown } } | null)?.response?.headers;
	if (!headers) return null;
	const value =
		typeof (headers as Headers).get === 'function'
			? (headers as Headers).get('retry-after')
			: (headers as Record<string, unknown>)['retry-after'];
	return parseRetryAfter(value);
}

/**
 * Worth another attempt: what Google marks retryable (5xx, 403/429 rate limits), and a request
 * that got no answer at all, which our event ids make safe to repeat (inserts included).
 */
function isRetryable(error: unknown): boolean {
	if (!(error instanceof CalendarError)) return false;
	if (error.retryable) return true;
	const code = (error.cause as { code?: unknown } | null)?.code;
	return error.code === 'GOOGLE_CALENDAR_UNREACHABLE' && code !== 'ERR_CANCELED';
}

function httpStatus(error: unknown): number | undefined {
	return (error as { response?: { status?: number } } | null)?.response?.status;
}

export function createCalendarClient(
	connection: CalendarConnection,
	options: CalendarClientOptions = {},
): CalendarClient {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const auth = authFor(connection, timeoutMs);
	const api: calendar_v3.Calendar = calendar({
		version: 'v3' as const,
		auth,
		timeout: timeoutMs,
		// Our shared backoff decides (below); gaxios's own would retry on top of it.
		retry: false,
		...(connection.apiUrl ? { rootUrl: connection.apiUrl } : {}),
	});

	const policy = options.retry ?? DEFAULT_CALENDAR_RETRY;

	/** One attempt; a 401 (a token revoked early) gets one fresh token and one more try. */
	async function once<T>(request: () => Promise<T>): Promise<T> {
		try {
			return await request();
		} catch (error) {
			if (httpStatus(error) !== 401) throw toCalendarError(error);
			// Marking the token expired makes both clients fetch a new one (JWT: bypassing its cache).
			auth.setCredentials({ ...auth.credentials, expiry_date: 1 });
			try {
				return await request();
			} catch (again) {
				throw toCalendarError(again);
			}
		}
	}

	/** One call, repeated with the library's backoff while Google says it may succeed later. */
	function call<T>(request: () => Promise<T>): Promise<T> {
		return withRetry(policy, () => once(request), {
			retryable: isRetryable,
			retryAfterMs: retryAfterOf,
			...(options.sleep ? { sleep: options.sleep } : {}),
		});
	}

	const getEvent = async (calendarId: string, eventId: string) => {
		try {
			const res = await call(() => api.events.get({ calendarId, eventId }));
			return toCalendarEvent(res.data);
		} catch (error) {
			if (error instanceof CalendarError && error.remoteStatus === 404) return null;
			throw error;
		}
	};

	return {
		async freeBusy(calendarId, from, to) {
			const busy: Interval[] = [];
			for (let start = from.getTime(); start < to.getTime(); start += FREE_BUSY_CHUNK_MS) {
				const end = Math.min(start + FREE_BUSY_CHUNK_MS, to.getTime());
				const res = await call(() =>
					api.freebusy.query({
						requestBody: {
							timeMin: new Date(start).toISOString(),
							timeMax: new Date(end).toISOString(),
							items: [{ id: calendarId }],
						},
					}),
				);
				const parsed = freeBusySchema.parse(res.data).calendars[calendarId];
				const reason = parsed?.errors?.[0]?.reason ?? (parsed ? null : 'notFound');
				if (reason) {
					// Reported inside a 200 answer, per calendar (reference §2.1).
					throw new CalendarError(
						`Google Calendar cannot read calendar ${calendarId}: ${reason}.`,
						{
							code:
								reason === 'notFound'
									? 'GOOGLE_CALENDAR_NOT_FOUND'
									: 'GOOGLE_CALENDAR_REQUEST_FAILED',
							remoteStatus: reason === 'notFound' ? 404 : 500,
							reason,
							retryable: reason === 'internalError',
						},
					);
				}
				busy.push(...(parsed?.busy ?? []));
			}
			return busy;
		},

		async insertEvent(calendarId, event) {
			try {
				const res = await call(() =>
					api.events.insert({
						calendarId,
						// Customers get our own invite by e-mail; Google mails nobody (reference §2.8).
						sendUpdates: 'none',
						requestBody: {
							id: event.id,
							summary: event.summary,
							description: event.description,
							start: { dateTime: event.start.toISOString(), timeZone: event.timeZone },
							end: { dateTime: event.end.toISOString(), timeZone: event.timeZone },
							transparency: 'opaque',
							extendedProperties: { private: { bookingId: event.bookingId } },
						},
					}),
				);
				return { event: toCalendarEvent(res.data), created: true };
			} catch (error) {
				if (!(error instanceof CalendarError) || error.remoteStatus !== 409) throw error;
				// An earlier attempt may have succeeded without us hearing: read it back (§2.9).
				const existing = await getEvent(calendarId, event.id);
				if (existing && existing.status !== 'cancelled' && existing.bookingId === event.bookingId) {
					return { event: existing, created: false };
				}
				throw new CalendarEventIdTakenError(event.id, existing?.status === 'cancelled');
			}
		},

		getEvent,

		async listEvents(calendarId, from, to) {
			const events: CalendarEvent[] = [];
			let pageToken: string | undefined;
			do {
				const token = pageToken;
				const res = await call(() =>
					api.events.list({
						calendarId,
						timeMin: from.toISOString(),
						timeMax: to.toISOString(),
						// Without both, recurring masters hide their instances (reference §7.6).
						singleEvents: true,
						orderBy: 'startTime',
						maxResults: 250,
						...(token ? { pageToken: token } : {}),
					}),
				);
				const page = eventListSchema.parse(res.data);
				events.push(...page.items.map(toCalendarEvent));
				pageToken = page.nextPageToken ?? undefined;
			} while (pageToken);
			return events;
		},

		async patchEvent(calendarId, eventId, patch, patchOptions = {}) {
			const res = await call(() =>
				api.events.patch(
					{
						calendarId,
						eventId,
						sendUpdates: 'none',
						requestBody: {
							...(patch.summary !== undefined ? { summary: patch.summary } : {}),
							...(patch.description !== undefined ? { description: patch.description } : {}),
							start: { dateTime: patch.start.toISOString(), timeZone: patch.timeZone },
							end: { dateTime: patch.end.toISOString(), timeZone: patch.timeZone },
						},
					},
					patchOptions.etag ? { headers: { 'If-Match': patchOptions.etag } } : {},
				),
			);
			return toCalendarEvent(res.data);
		},

		async deleteEvent(calendarId, eventId) {
			try {
				await call(() => api.events.delete({ calendarId, eventId, sendUpdates: 'none' }));
				return 'deleted';
			} catch (error) {
				// 410: deleted before (a retry of ours); 404: never there. Free either way.
				if (
					error instanceof CalendarError &&
					(error.remoteStatus === 410 || error.remoteStatus === 404)
				) {
					return 'gone';
				}
				throw error;
			}
		},
	};
}
