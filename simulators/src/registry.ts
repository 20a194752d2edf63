import type { Express } from 'express';
import { ANTHROPIC_SIM_DEFAULT_PORT, createAnthropicSimulator } from './anthropic/index.ts';
import {
	CHATWOOT_SIM_DEFAULT_PORT,
	createChatwootSimulator,
	defaultSeed,
	type SeedInput,
} from './chatwoot/index.ts';
import type { IdFloor } from './chatwoot/state.ts';
import type { RunningServer } from './common/listen.ts';
import {
	createGoogleCalendarSimulator,
	GOOGLE_CALENDAR_SIM_DEFAULT_PORT,
} from './google-calendar/index.ts';
import type { MetaSimConfigInput } from './meta/config.ts';
import { META_SIM_DEFAULT_PORT, createMetaSimulator } from './meta/index.ts';
import {
	createSmtpSink,
	SMTP_SINK_DEFAULT_HTTP_PORT,
	SMTP_SINK_DEFAULT_PORT,
} from './smtp/index.ts';

export interface SimulatorEntry {
	title: string;
	defaultPort: number;
	/** What a person opens to see what the simulator received. */
	page: string;
	create: (options?: SimulatorCreateOptions) => { app: Express; sidecar?: Sidecar };
}

/** Settings the local stack gives a simulator; each simulator ignores what is not its own. */
export interface SimulatorCreateOptions {
	/** Chatwoot: where the seeded agent bot posts its webhooks (e.g. the gateway). */
	botOutgoingUrl?: string;
	/** Chatwoot: conversation and message ids an earlier run gave out, to number after. */
	idsAfter?: IdFloor;
	/** Chatwoot: the account setting keep_pending_on_bot_failure (4.11+), from chatwoot/config/. */
	keepPendingOnBotFailure?: boolean;
	/** Chatwoot: WHATSAPP_APP_SECRET, which Meta's posts (through the gateway) are signed with. */
	whatsappAppSecret?: string;
	/** Meta: its configuration (callback URL, app secret, business numbers, …). */
	meta?: MetaSimConfigInput;
}

/** A listener a simulator needs besides its HTTP app, e.g. the SMTP sink's SMTP port. */
export interface Sidecar {
	title: string;
	defaultPort: number;
	listen(port: number): Promise<RunningServer>;
}

/** The default seed with its account's keep_pending_on_bot_failure set. */
function keepingPending(botOutgoingUrl: string | undefined, keep: boolean): SeedInput {
	const seed = defaultSeed({ botOutgoingUrl: botOutgoingUrl ?? null });
	return { ...seed, accounts: seed.accounts.map((a) => ({ ...a, keepPendingOnBotFailure: keep })) };
}

/** Every simulator by the name `npm run sim -- <name>` and the local stack use. */
export const simulators = {
	chatwoot: {
		title: 'Chatwoot 4.15',
		defaultPort: CHATWOOT_SIM_DEFAULT_PORT,
		page: '/__sim/',
		create: (options?: SimulatorCreateOptions) =>
			createChatwootSimulator({
				botOutgoingUrl: options?.botOutgoingUrl ?? null,
				idsAfter: options?.idsAfter,
				...(options?.whatsappAppSecret ? { whatsappAppSecret: options.whatsappAppSecret } : {}),
				...(options?.keepPendingOnBotFailure === undefined
					? {}
					: { seed: keepingPending(options.botOutgoingUrl, options.keepPendingOnBotFailure) }),
			}),
	},
	meta: {
		title: 'Meta Graph API',
		defaultPort: META_SIM_DEFAULT_PORT,
		page: '/__sim/requests',
		create: (options?: SimulatorCreateOptions) => createMetaSimulator(options?.meta),
	},
	anthropic: {
		title: 'Anthropic API',
		defaultPort: ANTHROPIC_SIM_DEFAULT_PORT,
		page: '/__sim/requests',
		create: () => createAnthropicSimulator(),
	},
	smtp: {
		title: 'SMTP sink',
		defaultPort: SMTP_SINK_DEFAULT_HTTP_PORT,
		page: '/__sim/',
		create: () => {
			const sink = createSmtpSink();
			return {
				app: sink.app,
				sidecar: {
					title: 'SMTP',
					defaultPort: SMTP_SINK_DEFAULT_PORT,
					listen: (port: number) => sink.listenSmtp(port),
				},
			};
		},
	},
	'google-calendar': {
		title: 'Google Calendar API',
		defaultPort: GOOGLE_CALENDAR_SIM_DEFAULT_PORT,
		page: '/__sim/calendars',
		create: () => createGoogleCalendarSimulator(),
	},
} satisfies Record<string, SimulatorEntry>;
export type SimulatorName = keyof typeof simulators;
