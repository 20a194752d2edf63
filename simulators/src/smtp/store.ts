// The mails the sink received, in memory, newest last; and the faults a test queued for the SMTP
// dialogue (a 4xx or 5xx answer to a command instead of its normal reply).
import { z } from 'zod/v4';
import { parseMail, type ParsedMail } from './mime.ts';

export interface ReceivedMail extends ParsedMail {
	id: number;
	/** The envelope, as MAIL FROM and RCPT TO gave it (not the headers). */
	envelope: { from: string; to: string[] };
	/** The user of AUTH, when the client authenticated (any credentials are accepted). */
	authUser: string | null;
	/** The name the client gave in EHLO or HELO. */
	clientName: string | null;
	receivedAt: string;
	size: number;
	/** The message as received after dot-unstuffing, headers and body. */
	raw: string;
}

/** A long sandbox session must not grow without bound: the oldest mails are forgotten first. */
export const MAIL_LIMIT = 1000;

export class MailStore {
	private mails: ReceivedMail[] = [];
	private nextId = 1;

	add(mail: Omit<ReceivedMail, 'id' | keyof ParsedMail>): ReceivedMail {
		const received: ReceivedMail = { ...mail, ...parseMail(mail.raw), id: this.nextId++ };
		this.mails.push(received);
		if (this.mails.length > MAIL_LIMIT) this.mails.splice(0, this.mails.length - MAIL_LIMIT);
		return received;
	}

	list(filter: { to?: string } = {}): ReceivedMail[] {
		const to = filter.to?.toLowerCase();
		return this.mails.filter(
			(mail) => !to || mail.envelope.to.some((address) => address.toLowerCase() === to),
		);
	}

	get(id: number): ReceivedMail | undefined {
		return this.mails.find((mail) => mail.id === id);
	}

	clear(): void {
		this.mails = [];
	}
}

export const SMTP_COMMANDS = ['EHLO', 'HELO', 'AUTH', 'MAIL', 'RCPT', 'DATA'] as const;

export const smtpFaultSchema = z
	.object({
		/** The command answered with the fault; for DATA, the answer after the message was sent. */
		command: z.enum(SMTP_COMMANDS),
		code: z.number().int().min(400).max(599),
		message: z.string().min(1).default('Requested action not taken'),
		/** Only for RCPT: the fault applies to this recipient only. */
		recipient: z.string().optional(),
		/** How many times; every time when unset. */
		times: z.number().int().positive().optional(),
	})
	.refine((fault) => fault.recipient === undefined || fault.command === 'RCPT', {
		message: 'recipient applies to RCPT faults only',
		path: ['recipient'],
	});
export type SmtpFault = z.output<typeof smtpFaultSchema> & { id: number; remaining?: number };

export class SmtpFaultTable {
	private faults: SmtpFault[] = [];
	private nextId = 1;

	add(input: z.output<typeof smtpFaultSchema>): SmtpFault {
		const fault: SmtpFault = { ...input, id: this.nextId++ };
		if (input.times !== undefined) fault.remaining = input.times;
		this.faults.push(fault);
		return fault;
	}

	list(): readonly SmtpFault[] {
		return this.faults;
	}

	clear(): void {
		this.faults = [];
	}

	/** The fault for this command (and recipient), counted against `times`. */
	take(command: string, recipient?: string): SmtpFault | undefined {
		const fault = this.faults.find(
			(f) =>
				f.command === command &&
				(f.recipient === undefined || f.recipient.toLowerCase() === recipient?.toLowerCase()),
		);
		if (fault?.remaining !== undefined) {
			fault.remaining -= 1;
			if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
		}
		return fault;
	}
}
