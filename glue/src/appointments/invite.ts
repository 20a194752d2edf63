// The iCalendar invite e-mailed with a confirmation (RFC 5545/5546, reference §6.4): one stable
// UID per appointment, SEQUENCE from the row (0 when booked, +1 per move and on the cancel),
// METHOD:REQUEST or METHOD:CANCEL. Times are written in UTC: unambiguous for every client, and
// ical-generator with a TZID and plain Dates would write the server's wall time instead.
import ical, {
	ICalAttendeeRole,
	ICalAttendeeStatus,
	ICalCalendarMethod,
	ICalEventStatus,
} from 'ical-generator';
import type { Appointment } from './model.ts';

export type InviteKind = 'request' | 'cancel';

export interface InviteParty {
	name: string;
	email: string;
}

export interface InviteOptions {
	kind: InviteKind;
	/** The business sending it (ORGANIZER); also the e-mail's From. */
	organizer: InviteParty;
	/** Event title, e.g. "Fibre installation - Northwind Fibre"; default the service's name. */
	summary?: string;
	description?: string;
	location?: string;
	/** DTSTAMP; default now. */
	now?: Date;
	/** Domain of the UID; default "switchboard.local". */
	uidDomain?: string;
}

/** The invite's UID: the same for the booking, every move and the cancel. */
export function inviteUid(
	appointment: Pick<Appointment, 'id'>,
	domain = 'switchboard.local',
): string {
	return `appointment-${appointment.id}@${domain}`;
}

/** The .ics text (CRLF line ends, folded at 75 octets). */
export function appointmentIcs(appointment: Appointment, options: InviteOptions): string {
	const calendar = ical({
		prodId: { company: 'Switchboard', product: 'Appointments', language: 'EN' },
		method: options.kind === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
	});
	calendar.createEvent({
		id: inviteUid(appointment, options.uidDomain),
		sequence: appointment.icalSequence,
		stamp: options.now ?? new Date(),
		start: appointment.startsAt,
		end: appointment.endsAt,
		summary: options.summary ?? appointment.serviceName,
		description: options.description ?? null,
		location: options.location ?? null,
		organizer: options.organizer,
		attendees: appointment.customerEmail
			? [
					{
						name: appointment.customerName ?? appointment.customerEmail,
						email: appointment.customerEmail,
						role: ICalAttendeeRole.REQ,
						status: ICalAttendeeStatus.NEEDSACTION,
						// We do not process replies: no RSVP buttons (reference §6.4).
						rsvp: false,
					},
				]
			: [],
		status: options.kind === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
	});
	return calendar.toString();
}
