import type { Express } from 'express';
import type { RunningServer } from '../common/listen.ts';
import { createSimApp, type SimContext } from '../common/sim-app.ts';
import { mountSmtpAdmin } from './admin.ts';
import { listenSmtp, type SmtpServerOptions } from './server.ts';
import { MailStore, SmtpFaultTable } from './store.ts';

/** Where n8n's Send Email node (nodemailer) delivers: 2525, the usual unprivileged SMTP port. */
export const SMTP_SINK_DEFAULT_PORT = 2525;
/** The page and JSON of what was received. */
export const SMTP_SINK_DEFAULT_HTTP_PORT = 8792;

export type SmtpSinkOptions = Omit<SmtpServerOptions, 'store' | 'faults'>;

export interface SmtpSink {
	/** The HTTP side (GET /__sim/, /__sim/messages, faults), listened on like every simulator's. */
	app: Express;
	ctx: SimContext;
	store: MailStore;
	faults: SmtpFaultTable;
	/** Starts the SMTP listener; the sink keeps what it receives in `store`. */
	listenSmtp(port?: number, host?: string): Promise<RunningServer>;
}

/**
 * A local SMTP sink for tests and the sandbox: accepts any credentials, delivers nothing, keeps
 * every mail in memory and shows it over HTTP. Two ports: SMTP (2525) and HTTP (8792).
 */
export function createSmtpSink(options: SmtpSinkOptions = {}): SmtpSink {
	const store = new MailStore();
	const faults = new SmtpFaultTable();
	let smtpUrl: string | null = null;
	const { app, ctx } = createSimApp({
		name: 'smtp',
		routes: () => undefined,
		reset: () => {
			store.clear();
			faults.clear();
		},
		admin: (router) => mountSmtpAdmin(router, { store, faults, smtpUrl: () => smtpUrl }),
	});
	return {
		app,
		ctx,
		store,
		faults,
		async listenSmtp(port = 0, host = '127.0.0.1') {
			const server = await listenSmtp({ ...options, store, faults }, port, host);
			smtpUrl = server.url;
			return server;
		},
	};
}

export { MailStore, SmtpFaultTable, type ReceivedMail, type SmtpFault } from './store.ts';
export { parseMail, decodeEncodedWords, type ParsedMail } from './mime.ts';
