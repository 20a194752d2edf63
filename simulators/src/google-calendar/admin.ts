// The simulator's own routes under /__sim/ (besides requests, faults and reset):
//   GET|POST /__sim/calendars                 list (with every event, deleted ones too) / add one
//   GET|POST /__sim/calendars/:id/events      events / add one as staff would in Google's UI
//   GET|POST /__sim/clock                     now / { advanceMs } or { now } (token expiry)
//   POST /__sim/tokens/expire                 every access token stops working (401 authError)
//   GET /__sim/tokens/issued                  what the token endpoint issued, by grant type
//   POST /__sim/refresh-tokens                register { refreshToken, clientId?, clientSecret?, scope? }
//   POST /__sim/refresh-tokens/revoke         { refreshToken }: the next refresh gets invalid_grant
//   POST /__sim/service-accounts              { clientEmail, publicKey }: JWTs from it are verified
//   POST /__sim/errors                        { error, path, method?, times?, skip? }: a fault
//                                             answering with the catalogue's exact envelope
import type { Router } from 'express';
import { z } from 'zod/v4';
import type { SimContext } from '../common/sim-app.ts';
import type { SimClock } from './clock.ts';
import { CATALOG, googleErrorBody, type CatalogError } from './errors.ts';
import type { TokenStore } from './oauth.ts';
import type { CalendarStore } from './store.ts';

const calendarInput = z.object({
	id: z.string().min(1),
	timeZone: z.string().optional(),
	summary: z.string().optional(),
});

const staffEvent = z.object({
	id: z
		.string()
		.regex(/^[a-v0-9]{5,1024}$/)
		.optional(),
	summary: z.string().default('Busy'),
	start: z.object({
		dateTime: z.string().optional(),
		date: z.string().optional(),
		timeZone: z.string().optional(),
	}),
	end: z.object({
		dateTime: z.string().optional(),
		date: z.string().optional(),
		timeZone: z.string().optional(),
	}),
	transparency: z.enum(['opaque', 'transparent']).optional(),
});

const errorFault = z.object({
	error: z.enum(Object.keys(CATALOG) as [CatalogError, ...CatalogError[]]),
	path: z.string().startsWith('/'),
	method: z.string().default('*'),
	times: z.number().int().positive().optional(),
	skip: z.number().int().min(0).default(0),
});

export function mountAdmin(
	router: Router,
	deps: { store: CalendarStore; tokens: TokenStore; clock: SimClock; ctx: SimContext },
): void {
	const { store, tokens, clock, ctx } = deps;
	const bad = (res: import('express').Response, error: z.ZodError) =>
		res.status(400).json({ error: z.prettifyError(error) });

	router.get('/calendars', (_req, res) => {
		res.json(
			store.all().map((calendar) => ({
				id: calendar.id,
				summary: calendar.summary,
				timeZone: calendar.timeZone,
				events: [...calendar.events.values()].map((event) => store.render(calendar, event)),
			})),
		);
	});
	router.post('/calendars', (req, res) => {
		const parsed = calendarInput.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		const calendar = store.addCalendar(parsed.data);
		res.status(201).json({ id: calendar.id, timeZone: calendar.timeZone });
	});
	router.get('/calendars/:calendarId/events', (req, res) => {
		const calendar = store.calendar(req.params.calendarId);
		if (!calendar) return void res.status(404).json({ error: 'no such calendar' });
		res.json([...calendar.events.values()].map((event) => store.render(calendar, event)));
	});
	router.post('/calendars/:calendarId/events', (req, res) => {
		const calendar = store.calendar(req.params.calendarId);
		if (!calendar) return void res.status(404).json({ error: 'no such calendar' });
		const parsed = staffEvent.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		const span = store.span(calendar, parsed.data.start, parsed.data.end);
		if (!span || span[1] < span[0]) {
			return void res
				.status(400)
				.json({ error: 'start and end must be times with an offset, end after start' });
		}
		const id = parsed.data.id ?? store.newId();
		if (calendar.events.has(id)) return void res.status(409).json({ error: 'id taken' });
		const event = store.put(
			calendar,
			{ ...parsed.data, id, status: 'confirmed', sequence: 0 },
			span,
		);
		res.status(201).json(store.render(calendar, event));
	});

	router.get('/clock', (_req, res) => {
		res.json({ now: new Date(clock.now()).toISOString() });
	});
	router.post('/clock', (req, res) => {
		const parsed = z
			.object({
				advanceMs: z.number().int().optional(),
				now: z.iso.datetime({ offset: true }).optional(),
			})
			.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		if (parsed.data.now) clock.set(Date.parse(parsed.data.now));
		if (parsed.data.advanceMs) clock.advance(parsed.data.advanceMs);
		res.json({ now: new Date(clock.now()).toISOString() });
	});

	router.post('/tokens/expire', (_req, res) => {
		tokens.expireAll();
		res.json({ ok: true });
	});
	router.get('/tokens/issued', (_req, res) => {
		res.json(tokens.issued);
	});
	router.post('/refresh-tokens', (req, res) => {
		const parsed = z
			.object({
				refreshToken: z.string().min(1),
				clientId: z.string().optional(),
				clientSecret: z.string().optional(),
				scope: z.string().optional(),
				user: z.string().optional(),
			})
			.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		tokens.registerRefreshToken(parsed.data);
		res.status(201).json({ ok: true });
	});
	router.post('/refresh-tokens/revoke', (req, res) => {
		const parsed = z.object({ refreshToken: z.string().min(1) }).safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		tokens.revokeRefreshToken(parsed.data.refreshToken);
		res.json({ ok: true });
	});
	router.post('/service-accounts', (req, res) => {
		const parsed = z
			.object({ clientEmail: z.string().min(1), publicKey: z.string().min(1) })
			.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		tokens.serviceAccountKeys.set(parsed.data.clientEmail, parsed.data.publicKey);
		res.status(201).json({ ok: true });
	});

	router.post('/errors', (req, res) => {
		const parsed = errorFault.safeParse(req.body);
		if (!parsed.success) return void bad(res, parsed.error);
		const { code, item } = CATALOG[parsed.data.error];
		const fault = ctx.faults.add({
			method: parsed.data.method.toUpperCase(),
			path: parsed.data.path,
			status: code,
			body: googleErrorBody(code, item),
			headers: {},
			drop: false,
			after: false,
			skip: parsed.data.skip,
			times: parsed.data.times,
			probability: 1,
		});
		res.status(201).json(fault);
	});
}
