// The simulator through the real @googleapis/calendar client and google-auth-library (as glue
// and n8n use them), and its wire format checked byte for byte where clients branch on it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { simulators } from '../registry.ts';
import { startGoogleCalendarSimulator, type TestGoogleCalendar } from './testing.ts';

const CAL = 'front desk@clinic.example'; // a space and an @: both must survive URL-encoding

describe('Google Calendar simulator', () => {
	let google: TestGoogleCalendar;
	let api: calendar_v3.Calendar;
	let auth: OAuth2Client;

	before(async () => {
		google = await startGoogleCalendarSimulator({
			calendars: [{ id: CAL, timeZone: 'Europe/Prague' }],
		});
	});
	after(() => google.close());
	beforeEach(async () => {
		await fetch(`${google.server.url}/__sim/reset`, { method: 'POST' });
		auth = new OAuth2Client({
			clientId: 'id',
			clientSecret: 'secret',
			endpoints: { oauth2TokenUrl: google.tokenUrl },
		});
		auth.setCredentials({ refresh_token: '1//refresh' });
		api = calendar({ version: 'v3', auth, rootUrl: google.rootUrl, retry: false });
	});

	const bearer = async () => `Bearer ${(await auth.getAccessToken()).token}`;
	const raw = async (
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) => {
		const res = await fetch(`${google.server.url}${path}`, {
			method,
			headers: { authorization: await bearer(), 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : null };
	};
	const eventsPath = `/calendar/v3/calendars/${encodeURIComponent(CAL)}/events`;
	const timed = (id: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
		id,
		summary: 'Consultation',
		start: { dateTime: start, timeZone: 'Europe/Prague' },
		end: { dateTime: end, timeZone: 'Europe/Prague' },
		...extra,
	});

	it('should be listed for npm run sim', () => {
		assert.equal(simulators['google-calendar'].defaultPort, 8793);
	});

	it('should answer like Google: the event in its zone, etag, iCalUID, sequence', async () => {
		const { data } = await api.events.insert({
			calendarId: CAL,
			requestBody: timed('abcde12345', '2018-04-01T10:30:00', '2018-04-01T11:30:00'),
		});
		assert.equal(data.kind, 'calendar#event');
		assert.equal(data.status, 'confirmed');
		assert.deepEqual(data.start, {
			dateTime: '2018-04-01T10:30:00+02:00',
			timeZone: 'Europe/Prague',
		});
		assert.equal(data.iCalUID, 'abcde12345@google.com');
		assert.equal(data.sequence, 0);
		assert.match(data.etag ?? '', /^"\d+"$/);
		const again = await api.events.get(
			{ calendarId: CAL, eventId: 'abcde12345' },
			{
				headers: { 'If-None-Match': data.etag! },
			},
		);
		assert.equal(again.status, 304);
	});

	it('should give the catalogue’s error envelopes exactly', async () => {
		const body = timed('abcde12345', '2018-04-01T10:30:00+02:00', '2018-04-01T11:30:00+02:00');
		await raw('POST', eventsPath, body);
		assert.deepEqual(await raw('POST', eventsPath, body), {
			status: 409,
			body: {
				error: {
					code: 409,
					message: 'The requested identifier already exists.',
					errors: [
						{
							domain: 'global',
							reason: 'duplicate',
							message: 'The requested identifier already exists.',
						},
					],
					status: 'ALREADY_EXISTS',
				},
			},
		});
		const badId = await raw('POST', eventsPath, { ...body, id: 'has-hyphens' });
		assert.deepEqual(
			[badId.status, badId.body.error.errors[0].reason, badId.body.error.message],
			[400, 'invalid', 'Invalid resource id value.'],
		);
		assert.equal((await raw('DELETE', `${eventsPath}/abcde12345`)).status, 204);
		const gone = await raw('DELETE', `${eventsPath}/abcde12345`);
		assert.deepEqual(
			[gone.status, gone.body.error.errors[0]],
			[410, { domain: 'calendar', reason: 'deleted', message: 'Resource has been deleted' }],
		);
		// The id stays taken, and get still shows the event, cancelled.
		assert.equal((await raw('POST', eventsPath, body)).status, 409);
		assert.equal((await raw('GET', `${eventsPath}/abcde12345`)).body.status, 'cancelled');
		const missing = await raw('GET', `${eventsPath}/zzzzz`);
		assert.deepEqual(missing.body.error.errors[0], {
			domain: 'global',
			reason: 'notFound',
			message: 'Not Found',
		});
		const unauthenticated = await fetch(`${google.server.url}${eventsPath}`);
		assert.deepEqual(await unauthenticated.json(), {
			error: {
				code: 401,
				message: 'Invalid Credentials',
				errors: [
					{
						domain: 'global',
						reason: 'authError',
						message: 'Invalid Credentials',
						locationType: 'header',
						location: 'Authorization',
					},
				],
				status: 'UNAUTHENTICATED',
			},
		});
	});

	it('should bump sequence on a move, refuse a stale If-Match with 412, and merge extended properties', async () => {
		const { data } = await api.events.insert({
			calendarId: CAL,
			requestBody: timed('abcde12345', '2018-04-01T10:30:00', '2018-04-01T11:30:00', {
				extendedProperties: { private: { bookingId: 'BK-1', source: 'chat' } },
			}),
		});
		const moved = await api.events.patch(
			{
				calendarId: CAL,
				eventId: 'abcde12345',
				requestBody: {
					start: { dateTime: '2018-04-02T10:30:00+02:00' },
					end: { dateTime: '2018-04-02T11:30:00+02:00' },
					extendedProperties: { private: { source: null as unknown as string } },
				},
			},
			{ headers: { 'If-Match': data.etag! } },
		);
		assert.equal(moved.data.sequence, 1);
		assert.deepEqual(moved.data.extendedProperties, { private: { bookingId: 'BK-1' } });
		await assert.rejects(
			api.events.patch(
				{ calendarId: CAL, eventId: 'abcde12345', requestBody: { summary: 'x' } },
				{ headers: { 'If-Match': data.etag! } },
			),
			(error: { status?: number }) => error.status === 412,
		);
	});

	it('should report busy time merged, clipped and in the asked zone; unknown calendars inside the 200', async () => {
		await api.events.insert({
			calendarId: CAL,
			requestBody: timed('aaaaa00001', '2018-04-01T12:30:00', '2018-04-01T13:30:00'),
		});
		await api.events.insert({
			calendarId: CAL,
			requestBody: timed('aaaaa00002', '2018-04-01T13:00:00', '2018-04-01T14:00:00'),
		});
		await api.events.insert({
			calendarId: CAL,
			requestBody: timed('aaaaa00003', '2018-04-01T15:00:00', '2018-04-01T16:30:00', {
				transparency: 'transparent',
			}),
		});
		const { data } = await api.freebusy.query({
			requestBody: {
				timeMin: '2018-04-01T08:00:00Z',
				timeMax: '2018-04-02T14:00:00Z',
				timeZone: 'Europe/Prague',
				items: [{ id: CAL }, { id: 'nobody@clinic.example' }],
			},
		});
		assert.deepEqual(data, {
			kind: 'calendar#freeBusy',
			timeMin: '2018-04-01T08:00:00.000Z',
			timeMax: '2018-04-02T14:00:00.000Z',
			calendars: {
				[CAL]: { busy: [{ start: '2018-04-01T12:30:00+02:00', end: '2018-04-01T14:00:00+02:00' }] },
				'nobody@clinic.example': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
			},
		});
		const empty = await raw('POST', '/calendar/v3/freeBusy', {
			timeMin: '2018-04-02T00:00:00Z',
			timeMax: '2018-04-01T00:00:00Z',
			items: [],
		});
		assert.deepEqual([empty.status, empty.body.error.errors[0].reason], [400, 'timeRangeEmpty']);
	});

	it('should list overlapping events in pages, with a sync token on the last page only', async () => {
		for (const n of [1, 2, 3]) {
			await api.events.insert({
				calendarId: CAL,
				requestBody: timed(`bbbbb0000${n}`, `2018-04-0${n}T10:00:00`, `2018-04-0${n}T11:00:00`),
			});
		}
		await assert.rejects(
			api.events.list({ calendarId: CAL, orderBy: 'startTime' }),
			(error: { status?: number }) => error.status === 400,
		);
		const first = await api.events.list({
			calendarId: CAL,
			singleEvents: true,
			orderBy: 'startTime',
			maxResults: 2,
			timeMin: '2018-04-01T10:30:00+02:00',
		});
		assert.deepEqual(
			first.data.items?.map((e) => e.id),
			['bbbbb00001', 'bbbbb00002'],
		);
		assert.ok(first.data.nextPageToken && !first.data.nextSyncToken);
		const second = await api.events.list({
			calendarId: CAL,
			singleEvents: true,
			orderBy: 'startTime',
			maxResults: 2,
			timeMin: '2018-04-01T10:30:00+02:00',
			pageToken: first.data.nextPageToken,
		});
		assert.deepEqual(
			second.data.items?.map((e) => e.id),
			['bbbbb00003'],
		);
		assert.ok(second.data.nextSyncToken);
		await api.events.delete({ calendarId: CAL, eventId: 'bbbbb00002' });
		const changes = await api.events.list({
			calendarId: CAL,
			syncToken: second.data.nextSyncToken!,
		});
		assert.deepEqual(
			changes.data.items?.map((e) => [e.id, e.status]),
			[['bbbbb00002', 'cancelled']],
		);
	});

	it('should expire tokens on its clock and mint new ones through the refresh grant', async () => {
		await api.events.list({ calendarId: CAL });
		await fetch(`${google.server.url}/__sim/clock`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ advanceMs: 3600_000 }),
		});
		// The client still thinks its token is good: the simulator says 401 authError.
		await assert.rejects(
			api.events.list({ calendarId: CAL }),
			(error: { status?: number }) => error.status === 401,
		);
	});

	it('should commit then hold the answer, so a client that gave up and retries meets 409', async () => {
		await fetch(`${google.server.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				method: 'POST',
				path: `/calendar/v3/calendars/*`,
				after: true,
				delayMs: 10_000,
				times: 1,
			}),
		});
		const body = timed('ccccc00001', '2018-04-01T10:00:00', '2018-04-01T11:00:00');
		await assert.rejects(
			api.events.insert({ calendarId: CAL, requestBody: body }, { timeout: 1500 }),
		);
		await assert.rejects(
			api.events.insert({ calendarId: CAL, requestBody: body }),
			(error: { status?: number }) => error.status === 409,
		);
	});
});
