// The TCP side: one SmtpSession per connection, fed line by line. Lines end in CRLF (a bare LF is
// taken too); a command line without an end beyond the limit closes the connection.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { RunningServer } from '../common/listen.ts';
import { SmtpSession } from './session.ts';
import type { MailStore, SmtpFaultTable } from './store.ts';

export interface SmtpServerOptions {
	store: MailStore;
	faults: SmtpFaultTable;
	/** The name in the greeting and the EHLO answer. */
	hostname?: string;
	/** The SIZE limit; larger messages get 552. Default 25 MiB. */
	maxMessageBytes?: number;
	/** Idle connections are closed after this long (421). Default 5 minutes, as RFC 5321 advises. */
	idleTimeoutMs?: number;
}

const MAX_COMMAND_LINE = 4096;
const DEFAULT_MAX_MESSAGE = 25 * 1024 * 1024;

function serve(socket: Socket, options: SmtpServerOptions): void {
	const session = new SmtpSession({
		store: options.store,
		faults: options.faults,
		hostname: options.hostname ?? 'smtp-sink.switchboard.local',
		maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE,
		io: {
			write: (line) => {
				if (!socket.destroyed) socket.write(`${line}\r\n`);
			},
			end: () => socket.end(),
		},
	});
	let pending: Buffer = Buffer.alloc(0);
	socket.setTimeout(options.idleTimeoutMs ?? 5 * 60_000, () => {
		socket.end('421 4.4.2 Idle timeout, closing connection\r\n');
	});
	socket.on('error', () => socket.destroy());
	socket.on('data', (chunk: Buffer) => {
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		let start = 0;
		for (let newline = pending.indexOf(0x0a, start); newline >= 0; ) {
			const end = newline > start && pending[newline - 1] === 0x0d ? newline - 1 : newline;
			session.line(pending.subarray(start, end));
			start = newline + 1;
			newline = pending.indexOf(0x0a, start);
		}
		pending = pending.subarray(start);
		if (!session.readingData && pending.length > MAX_COMMAND_LINE) {
			socket.end('500 5.5.2 Line too long\r\n');
		}
	});
	session.greet();
}

/** Starts the SMTP listener on 127.0.0.1 (port 0 picks a free one). */
export function listenSmtp(
	options: SmtpServerOptions,
	port = 0,
	host = '127.0.0.1',
): Promise<RunningServer> {
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		serve(socket, options);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const bound = (server.address() as AddressInfo).port;
			resolve({
				url: `smtp://${host}:${bound}`,
				port: bound,
				close: () =>
					new Promise<void>((done) => {
						for (const socket of sockets) socket.destroy();
						server.close(() => done());
					}),
			});
		});
	});
}
