// A running Google Calendar simulator for tests, with the URLs glue's client takes.
import { listen, type RunningServer } from '../common/listen.ts';
import {
	createGoogleCalendarSimulator,
	type GoogleCalendarSimulator,
	type GoogleCalendarSimulatorOptions,
} from './index.ts';

export interface TestGoogleCalendar {
	sim: GoogleCalendarSimulator;
	server: RunningServer;
	/** For calendar({ rootUrl }): the API is served at the root. */
	rootUrl: string;
	/** For OAuth2Client({ endpoints: { oauth2TokenUrl } }) and the JWT transport rewrite. */
	tokenUrl: string;
	close(): Promise<void>;
}

export async function startGoogleCalendarSimulator(
	options: GoogleCalendarSimulatorOptions = {},
): Promise<TestGoogleCalendar> {
	const sim = createGoogleCalendarSimulator(options);
	const server = await listen(sim.app);
	return {
		sim,
		server,
		rootUrl: `${server.url}/`,
		tokenUrl: `${server.url}/token`,
		close: () => server.close(),
	};
}
