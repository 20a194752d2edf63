import type { Express } from 'express';
import { createSimApp, type SimContext } from '../common/sim-app.ts';
import { mountAdmin } from './admin.ts';
import { SimClock } from './clock.ts';
import { mountEvents } from './events.ts';
import { mountFreeBusy } from './freebusy.ts';
import { TokenStore, tokenHandler } from './oauth.ts';
import { CalendarStore } from './store.ts';

export const GOOGLE_CALENDAR_SIM_DEFAULT_PORT = 8793;

export interface GoogleCalendarSimulatorOptions {
	/** Calendars that exist from the start; default one, "primary", in UTC. */
	calendars?: { id: string; timeZone?: string; summary?: string }[];
	/** Whether a refresh token nobody registered (POST /__sim/refresh-tokens) is honoured. Default true. */
	acceptUnknownRefreshTokens?: boolean;
	clock?: SimClock;
}

export interface GoogleCalendarSimulator {
	app: Express;
	ctx: SimContext;
	store: CalendarStore;
	tokens: TokenStore;
	clock: SimClock;
}

/**
 * The Google Calendar API v3 simulator at the root (the client drops rootUrl's path, reference
 * §5.1): POST /token (refresh-token and JWT bearer grants), POST /calendar/v3/freeBusy and
 * events insert/get/patch/update/delete/list. Admin routes: see admin.ts.
 */
export function createGoogleCalendarSimulator(
	options: GoogleCalendarSimulatorOptions = {},
): GoogleCalendarSimulator {
	const clock = options.clock ?? new SimClock();
	const store = new CalendarStore(clock, options.calendars ?? [{ id: 'primary' }]);
	const tokens = new TokenStore(clock);
	const { app, ctx } = createSimApp({
		name: 'google-calendar',
		routes: (app) => {
			app.post(
				'/token',
				tokenHandler(tokens, {
					acceptUnknownRefreshTokens: options.acceptUnknownRefreshTokens ?? true,
				}),
			);
			mountFreeBusy(app, store, tokens);
			mountEvents(app, store, tokens);
		},
		reset: () => {
			store.reset();
			tokens.reset();
			clock.reset();
		},
		admin: (router, simCtx) => mountAdmin(router, { store, tokens, clock, ctx: simCtx }),
	});
	return { app, ctx, store, tokens, clock };
}

export { SimClock } from './clock.ts';
export { CATALOG, googleErrorBody, type CatalogError } from './errors.ts';
