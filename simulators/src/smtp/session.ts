// One SMTP dialogue (RFC 5321), line by line: EHLO/HELO, AUTH PLAIN and LOGIN (any credentials are
// accepted: this is a sink, not a mail server), MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
// QUIT. No STARTTLS is offered, so clients stay on plain text as nodemailer does with ignoreTLS.
import type { MailStore, SmtpFaultTable } from './store.ts';

export interface SessionIo {
	/** One reply line, without CRLF. */
	write(line: string): void;
	/** Closes the connection once the writes are flushed. */
	end(): void;
}

export interface SessionOptions {
	store: MailStore;
	faults: SmtpFaultTable;
	hostname: string;
	maxMessageBytes: number;
	io: SessionIo;
	clock?: () => Date;
}

type AuthStep = { mechanism: 'PLAIN' } | { mechanism: 'LOGIN'; user: string | null };

const ADDRESS = /^(?:FROM|TO):\s*<([^>]*)>(.*)$/i;

function decodeBase64(text: string): string | null {
	const trimmed = text.trim();
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed)) return null;
	return Buffer.from(trimmed, 'base64').toString('utf8');
}

export class SmtpSession {
	private readonly options: SessionOptions;
	private clientName: string | null = null;
	private authUser: string | null = null;
	private auth: AuthStep | null = null;
	private from: string | null = null;
	private recipients: string[] = [];
	private data: Buffer[] | null = null;
	private dataBytes = 0;
	private closed = false;

	constructor(options: SessionOptions) {
		this.options = options;
	}

	/** The 220 greeting a server sends as soon as the client connects. */
	greet(): void {
		this.reply(220, `${this.options.hostname} ESMTP Switchboard SMTP sink ready`);
	}

	/** Whether the session reads message lines (DATA) rather than commands. */
	get readingData(): boolean {
		return this.data !== null;
	}

	/** One line from the client, without its line ending. */
	line(raw: Buffer): void {
		if (this.closed) return;
		if (this.data) return this.dataLine(raw);
		const text = raw.toString('utf8');
		if (this.auth) return this.authLine(text);
		const space = text.indexOf(' ');
		const verb = (space < 0 ? text : text.slice(0, space)).toUpperCase();
		const arg = space < 0 ? '' : text.slice(space + 1).trim();
		switch (verb) {
			case 'EHLO':
			case 'HELO':
				return this.hello(verb, arg);
			case 'AUTH':
				return this.startAuth(arg);
			case 'MAIL':
				return this.mail(arg);
			case 'RCPT':
				return this.rcpt(arg);
			case 'DATA':
				return this.startData();
			case 'RSET':
				this.resetTransaction();
				return this.reply(250, '2.0.0 Ok');
			case 'NOOP':
				return this.reply(250, '2.0.0 Ok');
			case 'VRFY':
				return this.reply(252, '2.0.0 Cannot VRFY user, but will accept message');
			case 'QUIT':
				this.reply(221, '2.0.0 Bye');
				this.closed = true;
				return this.options.io.end();
			case 'STARTTLS':
				return this.reply(502, '5.5.1 STARTTLS is not offered by this sink');
			default:
				return this.reply(502, '5.5.2 Error: command not recognized');
		}
	}

	private reply(code: number, text: string): void {
		this.options.io.write(`${code} ${text}`);
	}

	private fault(command: string, recipient?: string): boolean {
		const fault = this.options.faults.take(command, recipient);
		if (!fault) return false;
		this.reply(fault.code, fault.message);
		return true;
	}

	private hello(verb: 'EHLO' | 'HELO', name: string): void {
		if (!name) return this.reply(501, `5.5.4 Syntax: ${verb} hostname`);
		if (this.fault(verb)) return;
		this.clientName = name;
		this.resetTransaction();
		const { hostname, maxMessageBytes, io } = this.options;
		if (verb === 'HELO') return this.reply(250, hostname);
		for (const extension of [
			`${hostname} greets ${name}`,
			'PIPELINING',
			`SIZE ${maxMessageBytes}`,
			'8BITMIME',
			'SMTPUTF8',
			'AUTH PLAIN LOGIN',
			'ENHANCEDSTATUSCODES',
		]) {
			io.write(`250-${extension}`);
		}
		io.write('250 HELP');
	}

	private startAuth(arg: string): void {
		if (!this.clientName) return this.reply(503, '5.5.1 Error: send EHLO first');
		if (this.authUser !== null) return this.reply(503, '5.5.1 Error: already authenticated');
		const [mechanism = '', initial] = arg.split(/\s+/);
		if (this.fault('AUTH')) return;
		const upper = mechanism.toUpperCase();
		if (upper === 'PLAIN') {
			if (initial !== undefined) return this.finishPlain(initial);
			this.auth = { mechanism: 'PLAIN' };
			return this.reply(334, '');
		}
		if (upper === 'LOGIN') {
			if (initial !== undefined) {
				const user = decodeBase64(initial);
				if (user === null) return this.reply(501, '5.5.2 Error: the username is not base64');
				this.auth = { mechanism: 'LOGIN', user };
				return this.reply(334, 'UGFzc3dvcmQ6');
			}
			this.auth = { mechanism: 'LOGIN', user: null };
			return this.reply(334, 'VXNlcm5hbWU6');
		}
		this.reply(504, '5.5.4 Unrecognized authentication type');
	}

	private authLine(text: string): void {
		const step = this.auth!;
		if (text.trim() === '*') {
			this.auth = null;
			return this.reply(501, '5.7.0 Authentication cancelled');
		}
		if (step.mechanism === 'PLAIN') {
			this.auth = null;
			return this.finishPlain(text);
		}
		const decoded = decodeBase64(text);
		if (decoded === null) {
			this.auth = null;
			return this.reply(501, '5.5.2 Error: the response is not base64');
		}
		if (step.user === null) {
			this.auth = { mechanism: 'LOGIN', user: decoded };
			return this.reply(334, 'UGFzc3dvcmQ6');
		}
		this.auth = null;
		this.authUser = step.user;
		this.reply(235, '2.7.0 Authentication successful');
	}

	// PLAIN: base64 of "authzid NUL authcid NUL password".
	private finishPlain(response: string): void {
		const decoded = decodeBase64(response);
		const fields = decoded?.split('\0');
		if (!fields || fields.length !== 3) {
			return this.reply(501, '5.5.2 Error: malformed AUTH PLAIN response');
		}
		this.authUser = fields[1] || fields[0] || '';
		this.reply(235, '2.7.0 Authentication successful');
	}

	private mail(arg: string): void {
		if (!this.clientName) return this.reply(503, '5.5.1 Error: send HELO/EHLO first');
		if (this.from !== null) return this.reply(503, '5.5.1 Error: nested MAIL command');
		const match = ADDRESS.exec(arg);
		if (!match || !/^FROM:/i.test(arg)) return this.reply(501, '5.5.4 Syntax: MAIL FROM:<address>');
		const size = /\bSIZE=(\d+)/i.exec(match[2] ?? '');
		if (size && Number(size[1]) > this.options.maxMessageBytes) {
			return this.reply(552, '5.3.4 Message size exceeds fixed limit');
		}
		if (this.fault('MAIL')) return;
		this.from = match[1] ?? '';
		this.reply(250, '2.1.0 Ok');
	}

	private rcpt(arg: string): void {
		if (this.from === null) return this.reply(503, '5.5.1 Error: need MAIL command');
		const match = ADDRESS.exec(arg);
		if (!match || !/^TO:/i.test(arg) || !match[1]) {
			return this.reply(501, '5.5.4 Syntax: RCPT TO:<address>');
		}
		if (this.fault('RCPT', match[1])) return;
		this.recipients.push(match[1]);
		this.reply(250, '2.1.5 Ok');
	}

	private startData(): void {
		if (this.from === null) return this.reply(503, '5.5.1 Error: need MAIL command');
		if (this.recipients.length === 0) return this.reply(503, '5.5.1 Error: need RCPT command');
		this.data = [];
		this.dataBytes = 0;
		this.reply(354, 'End data with <CR><LF>.<CR><LF>');
	}

	private dataLine(raw: Buffer): void {
		if (raw.length === 1 && raw[0] === 0x2e) return this.endData();
		// Dot-unstuffing (RFC 5321 §4.5.2): a line the client began with an extra "." loses it.
		const line = raw[0] === 0x2e ? raw.subarray(1) : raw;
		this.dataBytes += line.length + 2;
		// Past the limit the rest is read and dropped, so the dialogue stays in step.
		if (this.dataBytes <= this.options.maxMessageBytes) this.data!.push(line);
	}

	private endData(): void {
		const lines = this.data!;
		const size = this.dataBytes;
		this.data = null;
		const envelope = { from: this.from ?? '', to: this.recipients };
		this.resetTransaction();
		if (size > this.options.maxMessageBytes) {
			return this.reply(552, '5.3.4 Message size exceeds fixed limit');
		}
		if (this.fault('DATA')) return;
		const raw = Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\r\n')])).toString(
			'utf8',
		);
		const mail = this.options.store.add({
			envelope,
			authUser: this.authUser,
			clientName: this.clientName,
			receivedAt: (this.options.clock?.() ?? new Date()).toISOString(),
			size,
			raw,
		});
		this.reply(250, `2.0.0 Ok: queued as ${mail.id}`);
	}

	private resetTransaction(): void {
		this.from = null;
		this.recipients = [];
	}
}
