// The glue client against the simulator, through the real @googleapis/calendar and
// google-auth-library: both grants, idempotent inserts, and Google's failures as our errors.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
	startGoogleCalendarSimulator,
	type TestGoogleCalendar,
} from '../../../../simulators/src/google-calendar/testing.ts';
import { createCalendarClient, eventIdFor, CalendarEventIdTakenError } from './client.ts';
import type { CalendarConnection } from './connection.ts';
import {
	CalendarAuthError,
	CalendarError,
	CalendarQuotaExceededError,
	CalendarRateLimitedError,
} from './errors.ts';

const CALENDAR = 'bookings@northwind.example';
const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

describe('Google Calendar client against the simulator', () => {
	let google: TestGoogleCalendar;
	let oauth: CalendarConnection;

	before(async () => {
		google = await startGoogleCalendarSimulator({
			calendars: [{ id: CALENDAR, timeZone: 'Europe/Madrid' }],
			acceptUnknownRefreshTokens: false,
		});
		oauth = {
			kind: 'oauth',
			clientId: 'client-1.apps.googleusercontent.com',
			clientSecret: 'secret-1',
			refreshToken: '1//0g-refresh',
			apiUrl: google.rootUrl,
			tokenUrl: google.tokenUrl,
		};
	});
	after(() => google.close());
	beforeEach(async () => {
		await fetch(`${google.server.url}/__sim/reset`, { method: 'POST' });
		await admin('/refresh-tokens', {
			refreshToken: '1//0g-refresh',
			clientId: 'client-1.apps.googleusercontent.com',
			clientSecret: 'secret-1',
			scope:
				'https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.freebusy',
		});
	});

	async function admin(path: string, body: unknown) {
		const res = await fetch(`${google.server.url}/__sim${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
		return res.json();
	}

	const requests = async (path: string) =>
		(await (
			await fetch(`${google.server.url}/__sim/requests?path=${encodeURIComponent(path)}`)
		).json()) as {
			method: string;
			status: number;
			headers: Record<string, string>;
			body: Record<string, unknown>;
		}[];

	const booking = (id: string, start = '2027-03-15T09:00:00Z', minutes = 30) => ({
		id: eventIdFor(id),
		bookingId: id,
		summary: 'Installation visit',
		start: new Date(start),
		end: new Date(Date.parse(start) + minutes * 60_000),
		timeZone: 'Europe/Madrid',
	});

	it('should read busy times through a refresh token, as Google reports them', async () => {
		await admin(`/calendars/${encodeURIComponent(CALENDAR)}/events`, {
			summary: 'Staff meeting',
			start: { dateTime: '2027-03-15T10:00:00+01:00' },
			end: { dateTime: '2027-03-15T11:00:00+01:00' },
		});
		const client = createCalendarClient(oauth, { retry: FAST });
		const busy = await client.freeBusy(
			CALENDAR,
			new Date('2027-03-15T00:00:00Z'),
			new Date('2027-03-16T00:00:00Z'),
		);
		assert.deepEqual(busy, [
			{ start: new Date('2027-03-15T09:00:00Z'), end: new Date('2027-03-15T10:00:00Z') },
		]);
		const [token] = await requests('/token');
		assert.match(String(token?.body.grant_type), /refresh_token/);
	});

	it('should mint tokens with a service-account JWT, whose signature the simulator checks', async () => {
		const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const clientEmail = 'booking-bot@northwind.iam.gserviceaccount.com';
		await admin('/service-accounts', {
			clientEmail,
			publicKey: publicKey.export({ type: 'spki', format: 'pem' }),
		});
		const client = createCalendarClient(
			{
				kind: 'service_account',
				clientEmail,
				privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
				subject: 'clinic@northwind.example',
				apiUrl: google.rootUrl,
				tokenUrl: google.tokenUrl,
			},
			{ retry: FAST },
		);
		const { event, created } = await client.insertEvent(CALENDAR, booking('bk-jwt'));
		assert.equal(created, true);
		assert.equal(event.bookingId, 'bk-jwt');
		const [token] = await requests('/token');
		assert.equal(token?.body.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
		// A token revoked early: the JWT client's cache is bypassed, a new one minted, the call done.
		await admin('/tokens/expire', {});
		assert.equal((await client.getEvent(CALENDAR, event.id))?.id, event.id);
		assert.equal((await requests('/token')).length, 2);
	});

	it('should return the existing event when an insert is repeated (409 duplicate), never a second one', async () => {
		const client = createCalendarClient(oauth, { retry: FAST });
		const first = await client.insertEvent(CALENDAR, booking('bk-1'));
		const again = await client.insertEvent(CALENDAR, booking('bk-1'));
		assert.equal(again.created, false);
		assert.equal(again.event.id, first.event.id);
		const inserts = await requests(`/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`);
		assert.deepEqual(
			inserts.map((r) => r.status),
			[200, 409],
		);
		const calendars = (await (await fetch(`${google.server.url}/__sim/calendars`)).json()) as {
			id: string;
			events: unknown[];
		}[];
		assert.equal(calendars.find((c) => c.id === CALENDAR)?.events.length, 1);
	});

	it('should refuse an id burned by a deleted event, and another booking’s event', async () => {
		const client = createCalendarClient(oauth, { retry: FAST });
		await client.insertEvent(CALENDAR, booking('bk-2'));
		assert.equal(await client.deleteEvent(CALENDAR, eventIdFor('bk-2')), 'deleted');
		assert.equal(await client.deleteEvent(CALENDAR, eventIdFor('bk-2')), 'gone');
		await assert.rejects(
			client.insertEvent(CALENDAR, booking('bk-2')),
			(error) => error instanceof CalendarEventIdTakenError && error.burned,
		);
		await assert.rejects(
			client
				.insertEvent(CALENDAR, { ...booking('bk-3'), id: eventIdFor('bk-2', 5), bookingId: 'bk-3' })
				.then(() =>
					client.insertEvent(CALENDAR, { ...booking('bk-4'), id: eventIdFor('bk-2', 5) }),
				),
			(error) => error instanceof CalendarEventIdTakenError && !error.burned,
		);
	});

	it('should retry 403 rateLimitExceeded with backoff and succeed', async () => {
		await admin('/errors', {
			error: 'rateLimitExceeded',
			path: '/calendar/v3/calendars/*',
			method: 'POST',
			times: 2,
		});
		const client = createCalendarClient(oauth, { retry: FAST });
		const { created } = await client.insertEvent(CALENDAR, booking('bk-rate'));
		assert.equal(created, true);
		const inserts = await requests(`/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`);
		assert.deepEqual(
			inserts.map((r) => r.status),
			[403, 403, 200],
		);
	});

	it('should wait between attempts by the shared backoff policy, doubling from its base', async () => {
		await admin('/errors', {
			error: 'backendError',
			path: '/calendar/v3/calendars/*',
			method: 'POST',
			times: 2,
		});
		const waits: number[] = [];
		const client = createCalendarClient(oauth, {
			retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 },
			sleep: async (ms) => {
				waits.push(ms);
			},
		});
		assert.equal((await client.insertEvent(CALENDAR, booking('bk-backoff'))).created, true);
		// delayFor: the n-th wait is jittered over the upper half of base × 2^(n-1).
		assert.equal(waits.length, 2);
		assert.ok(waits[0]! >= 500 && waits[0]! <= 1000, `first wait ${waits[0]}`);
		assert.ok(waits[1]! >= 1000 && waits[1]! <= 2000, `second wait ${waits[1]}`);
		const inserts = await requests(`/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`);
		assert.deepEqual(
			inserts.map((r) => (r.status >= 500 ? '5xx' : r.status)),
			['5xx', '5xx', 200],
		);
	});

	it('should give up on rate limits after the policy’s attempts, as CalendarRateLimitedError', async () => {
		await admin('/errors', { error: 'userRateLimitExceeded', path: '/calendar/v3/freeBusy' });
		const client = createCalendarClient(oauth, { retry: FAST });
		await assert.rejects(
			client.freeBusy(CALENDAR, new Date('2027-03-15T00:00:00Z'), new Date('2027-03-16T00:00:00Z')),
			(error) =>
				error instanceof CalendarRateLimitedError &&
				error.reason === 'userRateLimitExceeded' &&
				error.retryable,
		);
		assert.equal((await requests('/calendar/v3/freeBusy')).length, 3);
	});

	it('should not retry 403 quotaExceeded', async () => {
		await admin('/errors', { error: 'quotaExceeded', path: '/calendar/v3/calendars/*' });
		const client = createCalendarClient(oauth, { retry: FAST });
		await assert.rejects(
			client.insertEvent(CALENDAR, booking('bk-quota')),
			CalendarQuotaExceededError,
		);
		assert.equal(
			(await requests(`/calendar/v3/calendars/${encodeURIComponent(CALENDAR)}/events`)).length,
			1,
		);
	});

	it('should retry a 500 backendError and succeed', async () => {
		await admin('/errors', { error: 'backendError', path: '/calendar/v3/freeBusy', times: 1 });
		const client = createCalendarClient(oauth, { retry: FAST });
		assert.deepEqual(
			await client.freeBusy(
				CALENDAR,
				new Date('2027-03-15T00:00:00Z'),
				new Date('2027-03-16T00:00:00Z'),
			),
			[],
		);
	});

	it('should fetch a new token once on 401 and carry on', async () => {
		const client = createCalendarClient(oauth, { retry: FAST });
		await client.insertEvent(CALENDAR, booking('bk-401'));
		await admin('/tokens/expire', {});
		const event = await client.getEvent(CALENDAR, eventIdFor('bk-401'));
		assert.equal(event?.bookingId, 'bk-401');
		const tokens = await requests('/token');
		assert.equal(tokens.length, 2);
	});

	it('should say the account must be reconnected when the refresh token is revoked', async () => {
		await admin('/refresh-tokens/revoke', { refreshToken: '1//0g-refresh' });
		const client = createCalendarClient(oauth, { retry: FAST });
		await assert.rejects(
			client.freeBusy(CALENDAR, new Date('2027-03-15T00:00:00Z'), new Date('2027-03-16T00:00:00Z')),
			(error) => error instanceof CalendarAuthError && error.reason === 'invalid_grant',
		);
	});

	it('should move an event with the same id, Google bumping its sequence', async () => {
		const client = createCalendarClient(oauth, { retry: FAST });
		const { event } = await client.insertEvent(CALENDAR, booking('bk-move'));
		const moved = await client.patchEvent(
			CALENDAR,
			event.id,
			{
				start: new Date('2027-03-16T09:00:00Z'),
				end: new Date('2027-03-16T09:30:00Z'),
				timeZone: 'Europe/Madrid',
			},
			{ etag: event.etag ?? undefined },
		);
		assert.equal(moved.id, event.id);
		assert.equal(moved.sequence, 1);
		assert.deepEqual(moved.start, new Date('2027-03-16T09:00:00Z'));
		await assert.rejects(
			client.patchEvent(
				CALENDAR,
				event.id,
				{
					start: new Date('2027-03-17T09:00:00Z'),
					end: new Date('2027-03-17T09:30:00Z'),
					timeZone: 'Europe/Madrid',
				},
				{ etag: event.etag ?? undefined },
			),
			(error) =>
				error instanceof CalendarError &&
				error.remoteStatus === 412 &&
				error.reason === 'conditionNotMet',
		);
	});

	it('should report an unknown calendar, which freeBusy answers inside a 200', async () => {
		const client = createCalendarClient(oauth, { retry: FAST });
		await assert.rejects(
			client.freeBusy(
				'nobody@northwind.example',
				new Date('2027-03-15T00:00:00Z'),
				new Date('2027-03-16T00:00:00Z'),
			),
			(error) => error instanceof CalendarError && error.code === 'GOOGLE_CALENDAR_NOT_FOUND',
		);
	});
});
