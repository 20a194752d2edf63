// events.insert/get/patch/update/delete/list (reference §2.2–§2.7, §5.4).
import type { Express, Request, Response } from 'express';
import {
	CATALOG,
	invalid,
	required,
	sendCatalogError,
	sendError,
	type ErrorItem,
} from './errors.ts';
import { requireToken, SCOPES_FOR, type TokenStore } from './oauth.ts';
import {
	EVENT_ID,
	type CalendarStore,
	type EventDateTime,
	type SimCalendar,
	type StoredEvent,
} from './store.ts';
import { isTimeZone, parseWithOffset, readEventTime } from './time.ts';

const BASE = '/calendar/v3/calendars/:calendarId/events';
// Fields only the server writes: a client sending them back (update after get) is ignored.
const SERVER_FIELDS = [
	'kind',
	'etag',
	'htmlLink',
	'created',
	'updated',
	'iCalUID',
	'creator',
	'organizer',
	'sequence',
] as const;

function stripServerFields(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(body).filter(([key]) => !(SERVER_FIELDS as readonly string[]).includes(key)),
	);
}

function queryString(req: Request, name: string): string | undefined {
	const value = req.query[name];
	return typeof value === 'string' ? value : undefined;
}

function calendarOf(req: Request, res: Response, store: CalendarStore): SimCalendar | undefined {
	const calendar = store.calendar(String(req.params.calendarId));
	if (!calendar) sendCatalogError(res, 'notFound');
	return calendar;
}

/** The span of start/end, or the error Google gives for them. */
function spanOf(
	store: CalendarStore,
	calendar: SimCalendar,
	start: unknown,
	end: unknown,
): [number, number] | { code: number; item: ErrorItem } {
	if (!start || typeof start !== 'object')
		return { code: 400, item: required('Missing start time.') };
	if (!end || typeof end !== 'object') return { code: 400, item: required('Missing end time.') };
	for (const [name, value] of [
		['start', start],
		['end', end],
	] as const) {
		const read = readEventTime(value as EventDateTime);
		if (read.kind === 'error') {
			return read.reason === 'missingZone'
				? { code: 400, item: required(`Missing time zone definition for ${name} time.`) }
				: { code: 400, item: invalid(`Invalid ${name} time.`) };
		}
	}
	const span = store.span(calendar, start as EventDateTime, end as EventDateTime);
	if (!span) return { code: 400, item: invalid('Invalid start time.') };
	if (span[1] < span[0]) return CATALOG.timeRangeEmpty;
	return span;
}

function ifMatchFails(req: Request, event: StoredEvent): boolean {
	const ifMatch = req.headers['if-match'];
	return typeof ifMatch === 'string' && ifMatch !== '*' && ifMatch !== `"${event.etagValue}"`;
}

function renderZone(req: Request): string | undefined {
	const zone = queryString(req, 'timeZone');
	return zone && isTimeZone(zone) ? zone : undefined;
}

export function mountEvents(app: Express, store: CalendarStore, tokens: TokenStore): void {
	const read = requireToken(tokens, SCOPES_FOR.readEvents);
	const write = requireToken(tokens, SCOPES_FOR.writeEvents);

	app.post(BASE, write, (req, res) => {
		const calendar = calendarOf(req, res, store);
		if (!calendar) return;
		const body = (req.body ?? {}) as Record<string, unknown>;
		if (body.id !== undefined) {
			if (typeof body.id !== 'string' || !EVENT_ID.test(body.id)) {
				sendCatalogError(res, 'invalidId');
				return;
			}
			// Ids are never reusable, a deleted (cancelled) event's included.
			if (calendar.events.has(body.id)) {
				sendCatalogError(res, 'duplicate');
				return;
			}
		}
		const span = spanOf(store, calendar, body.start, body.end);
		if (!Array.isArray(span)) {
			sendError(res, span.code, span.item);
			return;
		}
		const id = typeof body.id === 'string' ? body.id : store.newId();
		const resource = {
			...stripServerFields(body),
			id,
			status: typeof body.status === 'string' ? body.status : 'confirmed',
			sequence: 0,
		};
		const event = store.put(calendar, resource, span);
		res.json(store.render(calendar, event));
	});

	app.get(`${BASE}/:eventId`, read, (req, res) => {
		const calendar = calendarOf(req, res, store);
		if (!calendar) return;
		const event = calendar.events.get(String(req.params.eventId));
		if (!event) {
			sendCatalogError(res, 'notFound');
			return;
		}
		if (req.headers['if-none-match'] === `"${event.etagValue}"`) {
			res.status(304).end();
			return;
		}
		// Deleted events are still returned, with status "cancelled".
		res.json(store.render(calendar, event, renderZone(req)));
	});

	const modify = (mode: 'patch' | 'update') => (req: Request, res: Response) => {
		const calendar = calendarOf(req, res, store);
		if (!calendar) return;
		const previous = calendar.events.get(String(req.params.eventId));
		if (!previous) {
			sendCatalogError(res, 'notFound');
			return;
		}
		if (ifMatchFails(req, previous)) {
			sendCatalogError(res, 'conditionNotMet');
			return;
		}
		const body = stripServerFields((req.body ?? {}) as Record<string, unknown>);
		delete body.id;
		const next: Record<string, unknown> =
			mode === 'update' ? { ...body } : mergePatch({ ...previous.resource }, body);
		const span = spanOf(store, calendar, next.start, next.end);
		if (!Array.isArray(span)) {
			sendError(res, span.code, span.item);
			return;
		}
		const moved = span[0] !== previous.start || span[1] !== previous.end;
		const resource = {
			...next,
			id: previous.resource.id,
			status: typeof next.status === 'string' ? next.status : 'confirmed',
			sequence: previous.resource.sequence + (moved ? 1 : 0),
		};
		const event = store.put(calendar, resource, span, previous);
		res.json(store.render(calendar, event));
	};
	app.patch(`${BASE}/:eventId`, write, modify('patch'));
	app.put(`${BASE}/:eventId`, write, modify('update'));

	app.delete(`${BASE}/:eventId`, write, (req, res) => {
		const calendar = calendarOf(req, res, store);
		if (!calendar) return;
		const event = calendar.events.get(String(req.params.eventId));
		if (!event) {
			sendCatalogError(res, 'notFound');
			return;
		}
		if (event.resource.status === 'cancelled') {
			sendCatalogError(res, 'deleted');
			return;
		}
		if (ifMatchFails(req, event)) {
			sendCatalogError(res, 'conditionNotMet');
			return;
		}
		store.put(
			calendar,
			{ ...event.resource, status: 'cancelled' },
			[event.start, event.end],
			event,
		);
		res.status(204).end();
	});

	app.get(BASE, read, (req, res) => listEvents(req, res, store));
}

/** Patch semantics: fields sent replace (arrays wholesale), null removes; extended properties merge by key. */
function mergePatch(
	target: Record<string, unknown>,
	patch: Record<string, unknown>,
): Record<string, unknown> {
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) {
			delete target[key];
		} else if (key === 'extendedProperties' && typeof value === 'object') {
			const current = (target.extendedProperties ?? {}) as Record<string, Record<string, unknown>>;
			const merged: Record<string, Record<string, unknown>> = { ...current };
			for (const [scope, props] of Object.entries(value as Record<string, unknown>)) {
				const bucket = { ...(current[scope] ?? {}) };
				for (const [name, prop] of Object.entries((props ?? {}) as Record<string, unknown>)) {
					if (prop === null) delete bucket[name];
					else bucket[name] = prop;
				}
				merged[scope] = bucket;
			}
			target.extendedProperties = merged;
		} else {
			target[key] = value;
		}
	}
	return target;
}

const SYNC_FORBIDDEN = [
	'iCalUID',
	'orderBy',
	'privateExtendedProperty',
	'q',
	'sharedExtendedProperty',
	'timeMin',
	'timeMax',
	'updatedMin',
];

function listEvents(req: Request, res: Response, store: CalendarStore): void {
	const calendar = calendarOf(req, res, store);
	if (!calendar) return;
	const syncToken = queryString(req, 'syncToken');
	if (syncToken !== undefined) {
		const clash = SYNC_FORBIDDEN.find((name) => req.query[name] !== undefined);
		if (clash) {
			sendError(res, 400, invalid(`Sync token cannot be used with ${clash}.`, clash));
			return;
		}
	}
	const bound = (name: 'timeMin' | 'timeMax') => {
		const value = queryString(req, name);
		if (value === undefined) return undefined;
		const instant = parseWithOffset(value);
		return instant ?? Number.NaN;
	};
	const timeMin = bound('timeMin');
	const timeMax = bound('timeMax');
	for (const [name, value] of [
		['timeMin', timeMin],
		['timeMax', timeMax],
	] as const) {
		if (Number.isNaN(value)) {
			sendError(res, 400, invalid('Bad Request', name));
			return;
		}
	}
	if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) {
		sendCatalogError(res, 'timeRangeEmpty');
		return;
	}
	const singleEvents = queryString(req, 'singleEvents') === 'true';
	const orderBy = queryString(req, 'orderBy');
	if (orderBy === 'startTime' && !singleEvents) {
		sendError(
			res,
			400,
			invalid('The requested ordering is not available for the particular query.', 'orderBy'),
		);
		return;
	}
	let since = 0;
	if (syncToken !== undefined) {
		const match = /^sim-sync-(\d+)$/.exec(syncToken);
		if (!match) {
			sendCatalogError(res, 'fullSyncRequired');
			return;
		}
		since = Number(match[1]);
	}
	const showDeleted = syncToken !== undefined || queryString(req, 'showDeleted') === 'true';
	const privateProperty = queryString(req, 'privateExtendedProperty')?.split('=');
	let items = [...calendar.events.values()].filter((event) => {
		if (event.change <= since) return false;
		if (!showDeleted && event.resource.status === 'cancelled') return false;
		if (timeMin !== undefined && !(event.end > timeMin)) return false;
		if (timeMax !== undefined && !(event.start < timeMax)) return false;
		if (privateProperty && privateProperty.length === 2) {
			const props = (event.resource.extendedProperties as { private?: Record<string, unknown> })
				?.private;
			if (props?.[privateProperty[0]!] !== privateProperty[1]) return false;
		}
		return true;
	});
	items.sort((a, b) => (orderBy === 'updated' ? a.updated - b.updated : a.start - b.start));
	const maxResults = Math.min(Number(queryString(req, 'maxResults') ?? 250) || 250, 2500);
	const offset = Number(
		Buffer.from(queryString(req, 'pageToken') ?? '', 'base64url').toString() || 0,
	);
	const page = items.slice(offset, offset + maxResults);
	const more = offset + maxResults < items.length;
	items = page;
	res.json({
		kind: 'calendar#events',
		etag: `"${store.changeCount}"`,
		summary: calendar.summary,
		description: '',
		updated: new Date().toISOString(),
		timeZone: calendar.timeZone,
		accessRole: 'owner',
		defaultReminders: [{ method: 'popup', minutes: 10 }],
		...(more
			? { nextPageToken: Buffer.from(String(offset + maxResults)).toString('base64url') }
			: { nextSyncToken: `sim-sync-${store.changeCount}` }),
		items: items.map((event) => store.render(calendar, event, renderZone(req))),
	});
}
