import type { AppointmentFacts } from '../templates/variables.ts';
import type { Appointment } from './model.ts';

/** What a message template's {{appointment.*}} variables read (TemplateContext.appointment). */
export function appointmentFacts(appointment: Appointment): AppointmentFacts {
	return {
		service: appointment.serviceName,
		startsAt: appointment.startsAt,
		endsAt: appointment.endsAt,
		reference: appointmentReference(appointment),
	};
}

/** Short enough to read out on the phone; the id's first eight characters. */
export function appointmentReference(appointment: Pick<Appointment, 'id'>): string {
	return appointment.id.replace(/-/g, '').slice(0, 8).toUpperCase();
}
