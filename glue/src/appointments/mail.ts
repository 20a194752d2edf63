// The confirmation (or move, or cancellation) e-mail with its calendar invite, over SMTP with
// nodemailer: a text/calendar alternative (drives Gmail's and Outlook's invitation cards) and an
// invite.ics attachment (reference §6.4). The text comes from a message template the caller
// rendered; a retried send of the same invite version does not mail twice.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Pool } from 'pg';
import { appointmentIcs, type InviteOptions } from './invite.ts';
import type { Appointment } from './model.ts';
import { claimInvite, unclaimInvite } from './repository.ts';

/** nodemailer's transport for an smtp:// or smtps:// URL (e.g. SMTP_URL, or the SMTP sink). */
export function createMailer(smtpUrl: string): Transporter {
	return nodemailer.createTransport(smtpUrl);
}

export interface AppointmentEmail extends InviteOptions {
	/** The rendered template's subject and text. */
	subject: string;
	text: string;
	html?: string;
}

export type EmailOutcome = 'sent' | 'already_sent' | 'no_address';

/**
 * Mails the customer the invite for the appointment's current version (SEQUENCE). Throws what
 * nodemailer throws when SMTP refuses; the claim is then given back so a retry sends it.
 */
export async function sendAppointmentEmail(
	deps: { pool: Pool; mailer: Pick<Transporter, 'sendMail'> },
	appointment: Appointment,
	email: AppointmentEmail,
): Promise<EmailOutcome> {
	if (!appointment.customerEmail) return 'no_address';
	if (!(await claimInvite(deps.pool, appointment.id, appointment.icalSequence)))
		return 'already_sent';
	const method = email.kind === 'cancel' ? 'CANCEL' : 'REQUEST';
	try {
		await deps.mailer.sendMail({
			from: { name: email.organizer.name, address: email.organizer.email },
			to: appointment.customerName
				? { name: appointment.customerName, address: appointment.customerEmail }
				: appointment.customerEmail,
			subject: email.subject,
			text: email.text,
			...(email.html ? { html: email.html } : {}),
			icalEvent: { method, filename: 'invite.ics', content: appointmentIcs(appointment, email) },
			// The same message id for a version, so a receiving server can drop a duplicate.
			messageId: `<appointment-${appointment.id}-${appointment.icalSequence}-${email.kind}@${email.uidDomain ?? 'switchboard.local'}>`,
		});
	} catch (error) {
		await unclaimInvite(deps.pool, appointment.id, appointment.inviteSequenceSent);
		throw error;
	}
	return 'sent';
}
