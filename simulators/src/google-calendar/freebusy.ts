// POST /calendar/v3/freeBusy (reference §2.1): busy = opaque, non-cancelled events merged and
// clipped to the window; unknown calendars report errors inside the 200 answer.
import type { Express } from 'express';
import { invalid, sendCatalogError, sendError } from './errors.ts';
import { requireToken, SCOPES_FOR, type TokenStore } from './oauth.ts';
import { blocksTime, type CalendarStore } from './store.ts';
import { formatDateTime, isTimeZone, parseWithOffset } from './time.ts';

export function mountFreeBusy(app: Express, store: CalendarStore, tokens: TokenStore): void {
	app.post('/calendar/v3/freeBusy', requireToken(tokens, SCOPES_FOR.freeBusy), (req, res) => {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const timeMin = typeof body.timeMin === 'string' ? parseWithOffset(body.timeMin) : null;
		const timeMax = typeof body.timeMax === 'string' ? parseWithOffset(body.timeMax) : null;
		if (timeMin === null) {
			sendError(res, 400, invalid('Bad Request', 'timeMin'));
			return;
		}
		if (timeMax === null) {
			sendError(res, 400, invalid('Bad Request', 'timeMax'));
			return;
		}
		if (timeMax <= timeMin) {
			sendCatalogError(res, 'timeRangeEmpty');
			return;
		}
		const zone =
			typeof body.timeZone === 'string' && isTimeZone(body.timeZone) ? body.timeZone : 'UTC';
		const items = Array.isArray(body.items) ? (body.items as { id?: unknown }[]) : [];
		const calendars: Record<string, unknown> = {};
		for (const item of items) {
			const id = String(item?.id ?? '');
			const calendar = store.calendar(id);
			if (!calendar) {
				calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
				continue;
			}
			const spans = [...calendar.events.values()]
				.filter((event) => blocksTime(event) && event.end > timeMin && event.start < timeMax)
				.map((event) => [Math.max(event.start, timeMin), Math.min(event.end, timeMax)] as const)
				.sort((a, b) => a[0] - b[0]);
			const merged: [number, number][] = [];
			for (const [start, end] of spans) {
				const last = merged[merged.length - 1];
				if (last && start <= last[1]) last[1] = Math.max(last[1], end);
				else merged.push([start, end]);
			}
			calendars[id] = {
				busy: merged.map(([start, end]) => ({
					start: formatDateTime(start, zone),
					end: formatDateTime(end, zone),
				})),
			};
		}
		res.json({
			kind: 'calendar#freeBusy',
			timeMin: new Date(timeMin).toISOString(),
			timeMax: new Date(timeMax).toISOString(),
			calendars,
		});
	});
}
