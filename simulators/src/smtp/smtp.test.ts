import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { cacheDir, readPins } from '../../../scripts/lib/runtimes.ts';
import { startSmtpSink, type TestSmtpSink } from './testing.ts';

/** A raw SMTP client: send a line, get the reply's lines (multi-line replies joined). */
interface Dialogue {
	greeting: string;
	send(line: string): Promise<string[]>;
	/** Sends bytes as they are, then reads one reply. */
	sendRaw(text: string): Promise<string[]>;
	close(): void;
}

async function dial(port: number): Promise<Dialogue> {
	const socket: Socket = connect(port, '127.0.0.1');
	let buffer = '';
	let waiting: ((lines: string[]) => void) | null = null;
	const replies: string[][] = [];
	let current: string[] = [];
	socket.setEncoding('utf8');
	socket.on('data', (chunk: string) => {
		buffer += chunk;
		for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
			const line = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			current.push(line);
			if (/^\d{3}(?: |$)/.test(line)) {
				replies.push(current);
				current = [];
			}
		}
		if (waiting && replies.length) {
			const resolve = waiting;
			waiting = null;
			resolve(replies.shift()!);
		}
	});
	const next = () =>
		new Promise<string[]>((resolve) => {
			if (replies.length) resolve(replies.shift()!);
			else waiting = resolve;
		});
	const [greeting] = await next();
	return {
		greeting: greeting!,
		send: (line) => {
			socket.write(`${line}\r\n`);
			return next();
		},
		sendRaw: (text) => {
			socket.write(text);
			return next();
		},
		close: () => socket.destroy(),
	};
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('SMTP sink', () => {
	let sink: TestSmtpSink;
	const open: Dialogue[] = [];
	const session = async () => {
		const dialogue = await dial(sink.smtp.port);
		open.push(dialogue);
		return dialogue;
	};
	before(async () => {
		sink = await startSmtpSink();
	});
	after(() => sink.close());
	afterEach(() => {
		for (const dialogue of open.splice(0)) dialogue.close();
		sink.sink.store.clear();
		sink.sink.faults.clear();
	});

	it('should greet, list its extensions without STARTTLS, and take a mail with AUTH PLAIN', async () => {
		const smtp = await session();
		assert.match(smtp.greeting, /^220 .*ESMTP/);
		const ehlo = await smtp.send('EHLO client.example');
		assert.equal(ehlo.at(-1), '250 HELP');
		assert.ok(ehlo.includes('250-AUTH PLAIN LOGIN'));
		assert.ok(!ehlo.some((line) => /STARTTLS/.test(line)));
		assert.deepEqual(await smtp.send(`AUTH PLAIN ${b64('\0bot@example.com\0any password')}`), [
			'235 2.7.0 Authentication successful',
		]);
		assert.deepEqual(await smtp.send('MAIL FROM:<bot@example.com> SIZE=120'), ['250 2.1.0 Ok']);
		assert.deepEqual(await smtp.send('RCPT TO:<marketing@example.com>'), ['250 2.1.5 Ok']);
		assert.deepEqual(await smtp.send('RCPT TO:<boss@example.com>'), ['250 2.1.5 Ok']);
		assert.match((await smtp.send('DATA'))[0]!, /^354 /);
		const done = await smtp.sendRaw(
			'Subject: Hello\r\nFrom: bot@example.com\r\n\r\nFirst line\r\n..leading dot\r\n.\r\n',
		);
		assert.match(done[0]!, /^250 2\.0\.0 Ok: queued as \d+$/);
		const [mail] = sink.sink.store.list();
		assert.deepEqual(mail?.envelope, {
			from: 'bot@example.com',
			to: ['marketing@example.com', 'boss@example.com'],
		});
		assert.equal(mail?.authUser, 'bot@example.com');
		assert.equal(mail?.clientName, 'client.example');
		assert.equal(mail?.subject, 'Hello');
		assert.equal(mail?.text, 'First line\r\n.leading dot\r\n', 'dot-unstuffed');
		assert.deepEqual(await smtp.send('QUIT'), ['221 2.0.0 Bye']);
	});

	it('should take AUTH LOGIN in steps, and cancel on "*"', async () => {
		const smtp = await session();
		await smtp.send('EHLO client.example');
		assert.deepEqual(await smtp.send('AUTH LOGIN'), ['334 VXNlcm5hbWU6']);
		assert.deepEqual(await smtp.send('*'), ['501 5.7.0 Authentication cancelled']);
		assert.deepEqual(await smtp.send('AUTH LOGIN'), ['334 VXNlcm5hbWU6']);
		assert.deepEqual(await smtp.send(b64('user')), ['334 UGFzc3dvcmQ6']);
		assert.deepEqual(await smtp.send(b64('secret')), ['235 2.7.0 Authentication successful']);
		assert.deepEqual(await smtp.send('AUTH CRAM-MD5'), ['503 5.5.1 Error: already authenticated']);
	});

	it('should keep the order of the dialogue and answer RSET, NOOP and unknown commands', async () => {
		const smtp = await session();
		assert.match((await smtp.send('MAIL FROM:<a@example.com>'))[0]!, /^503 .*HELO\/EHLO first/);
		await smtp.send('HELO client.example');
		assert.match((await smtp.send('RCPT TO:<b@example.com>'))[0]!, /^503 .*need MAIL/);
		await smtp.send('MAIL FROM:<a@example.com>');
		assert.match((await smtp.send('MAIL FROM:<a@example.com>'))[0]!, /^503 .*nested MAIL/);
		assert.match((await smtp.send('DATA'))[0]!, /^503 .*need RCPT/);
		assert.deepEqual(await smtp.send('RSET'), ['250 2.0.0 Ok']);
		assert.match((await smtp.send('RCPT TO:<b@example.com>'))[0]!, /^503 /, 'RSET ended the mail');
		assert.deepEqual(await smtp.send('NOOP'), ['250 2.0.0 Ok']);
		assert.match((await smtp.send('FROB'))[0]!, /^502 /);
		assert.match((await smtp.send('AUTH XOAUTH2'))[0]!, /^504 /);
		assert.match((await smtp.send('MAIL FROM:<a@example.com> SIZE=999999999999'))[0]!, /^552 /);
	});

	it('should answer with a queued fault, e.g. a refused recipient', async () => {
		await fetch(`${sink.http.url}/__sim/smtp-faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				command: 'RCPT',
				recipient: 'gone@example.com',
				code: 550,
				message: '5.1.1 User unknown',
				times: 1,
			}),
		});
		const smtp = await session();
		await smtp.send('EHLO client.example');
		await smtp.send('MAIL FROM:<a@example.com>');
		assert.deepEqual(await smtp.send('RCPT TO:<gone@example.com>'), ['550 5.1.1 User unknown']);
		assert.deepEqual(await smtp.send('RCPT TO:<gone@example.com>'), ['250 2.1.5 Ok']);
	});

	it('should show the mails as JSON, the raw message, and forget them on DELETE', async () => {
		const smtp = await session();
		await smtp.send('EHLO client.example');
		await smtp.send('MAIL FROM:<a@example.com>');
		await smtp.send('RCPT TO:<marketing@example.com>');
		await smtp.send('DATA');
		await smtp.sendRaw(
			'Subject: =?UTF-8?Q?Caf=C3=A9?= =?UTF-8?B?IGNvbiBsZWNoZQ==?=\r\n' +
				'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
				'\r\nPrecio: 3 =E2=82=AC, una l=C3=ADnea muy larga que=\r\n sigue.\r\n.\r\n',
		);
		const list = (await (
			await fetch(`${sink.http.url}/__sim/messages?to=marketing@example.com`)
		).json()) as {
			id: number;
			subject: string;
			text: string;
			raw?: string;
		}[];
		assert.equal(list.length, 1);
		assert.equal(list[0]?.subject, 'Café con leche');
		assert.equal(list[0]?.text, 'Precio: 3 €, una línea muy larga que sigue.\r\n');
		assert.equal(list[0]?.raw, undefined);
		const raw = await (await fetch(`${sink.http.url}/__sim/messages/${list[0]?.id}/raw`)).text();
		assert.match(raw, /^Subject: =\?UTF-8\?Q\?Caf=C3=A9\?=/);
		const page = await (await fetch(`${sink.http.url}/__sim/`)).text();
		assert.match(page, /<h2>Café con leche<\/h2>/);
		await fetch(`${sink.http.url}/__sim/messages`, { method: 'DELETE' });
		assert.deepEqual(await (await fetch(`${sink.http.url}/__sim/messages`)).json(), []);
	});

	// n8n's Send Email node is nodemailer; the one n8n ships is the client that matters.
	const nodemailerDir = join(
		cacheDir(),
		`n8n-${readPins().N8N_VERSION}`,
		'node_modules',
		'nodemailer',
	);
	it(
		"should receive what n8n's nodemailer sends, with a user, a password and no TLS",
		{ skip: existsSync(nodemailerDir) ? false : `nodemailer not found in ${nodemailerDir}` },
		async () => {
			const nodemailer = createRequire(join(nodemailerDir, 'package.json'))(nodemailerDir) as {
				createTransport(options: object): {
					sendMail(mail: object): Promise<{ messageId: string; accepted: string[] }>;
					close(): void;
				};
			};
			// The options n8n's Send Email node builds from its SMTP credential (disableStartTls on).
			const transport = nodemailer.createTransport({
				host: sink.smtp.host,
				port: sink.smtp.port,
				secure: false,
				ignoreTLS: true,
				auth: { user: 'n8n', pass: 'whatever' },
			});
			try {
				const info = await transport.sendMail({
					from: 'switchboard@example.com',
					to: 'marketing@example.com',
					subject: 'TikTok post to publish: Café 🚀',
					text: 'Caption:\n.a line starting with a dot\nHalf price 🚀 #fibre',
				});
				assert.deepEqual(info.accepted, ['marketing@example.com']);
				const [mail] = sink.sink.store.list({ to: 'marketing@example.com' });
				assert.equal(mail?.subject, 'TikTok post to publish: Café 🚀');
				assert.equal(
					mail?.text?.replace(/\r\n/g, '\n').trimEnd(),
					'Caption:\n.a line starting with a dot\nHalf price 🚀 #fibre',
				);
				assert.equal(mail?.messageId, info.messageId);
				assert.equal(mail?.authUser, 'n8n');
			} finally {
				transport.close();
			}
		},
	);
});
