// The booking chat on the appointments core (helper H6's @switchboard/glue/appointments): its
// functions behind the BookingBackend seam, with the business's hours, zone and rules.
import type { Transporter } from 'nodemailer';
import type { Pool } from 'pg';
import {
	bookSlot,
	cancelAppointment,
	findFreeTimes,
	getAppointment,
	holdSlot,
	listAppointments,
	rescheduleAppointment,
	type AppointmentDeps,
	type BookingContext,
} from '../appointments/booking.ts';
import { sendAppointmentEmail } from '../appointments/mail.ts';
import type { Appointment } from '../appointments/model.ts';
import type { BusinessInfo, ContentReader, OpeningHours } from '../content/index.ts';
import { renderMessage, TemplateNotFoundError } from '../templates/index.ts';
import type { AppointmentView, BookingBackend, BookingService, CustomerRef } from './backend.ts';
import type { BookingSettings } from './catalog.ts';
import type { BookingEvent } from './turn.ts';

export function appointmentView(appointment: Appointment): AppointmentView {
	return {
		id: appointment.id,
		serviceId: appointment.serviceId,
		status: appointment.status,
		startsAt: appointment.startsAt,
		endsAt: appointment.endsAt,
		accountId: appointment.accountId,
		contactId: appointment.contactId,
		conversationId: appointment.conversationId,
		language: appointment.language,
		customerName: appointment.customerName,
		customerTimeZone: appointment.customerTimeZone,
		facts: {
			service: appointment.serviceName,
			startsAt: appointment.startsAt,
			endsAt: appointment.endsAt,
			reference: appointment.id.slice(0, 8).toUpperCase(),
		},
	};
}

export interface AppointmentsBackendOptions {
	deps: AppointmentDeps;
	/** The hours of the service's department, else the business's. */
	hoursFor(service: BookingService): OpeningHours;
	timeZone: string;
	settings: BookingSettings;
}

export function appointmentsBackend(options: AppointmentsBackendOptions): BookingBackend {
	const { deps } = options;
	const context = (service: BookingService): BookingContext => ({
		service: {
			id: service.id,
			name: service.name,
			durationMinutes: service.durationMinutes,
			bufferBeforeMinutes: service.bufferBeforeMinutes,
			bufferAfterMinutes: service.bufferAfterMinutes,
			calendarId: service.calendarId,
		},
		hours: options.hoursFor(service),
		timeZone: options.timeZone,
		settings: {
			leadTimeMinutes: options.settings.leadTimeMinutes,
			horizonDays: options.settings.horizonDays,
			optionsToOffer: options.settings.optionsToOffer,
			holdMinutes: options.settings.holdMinutes,
		},
	});
	const asCustomer = (customer: CustomerRef) => ({
		accountId: customer.accountId,
		contactId: customer.contactId,
		conversationId: customer.conversationId,
		name: customer.name,
		email: customer.email,
		language: customer.language,
		timeZone: customer.timeZone === options.timeZone ? null : customer.timeZone,
	});
	const outcome = (result: Awaited<ReturnType<typeof bookSlot>>) =>
		result.ok
			? { ok: true as const, appointment: appointmentView(result.appointment) }
			: { ok: false as const, reason: result.reason, alternatives: result.alternatives };
	return {
		freeTimes: (service, { after, limit }) =>
			findFreeTimes(deps, { ...context(service), limit, ...(after ? { after } : {}) }),
		hold: async (service, start, customer) =>
			outcome(await holdSlot(deps, { ...context(service), start, customer: asCustomer(customer) })),
		book: async (service, start, customer, offeredAt) =>
			outcome(
				await bookSlot(deps, {
					...context(service),
					start,
					customer: asCustomer(customer),
					offeredAt,
				}),
			),
		reschedule: async (id, service, start, offeredAt) =>
			outcome(await rescheduleAppointment(deps, id, { ...context(service), start, offeredAt })),
		cancel: async (id, reason) => {
			const cancelled = await cancelAppointment(deps, id, { reason });
			if (!cancelled) throw new Error(`booking: appointment ${id} does not exist`);
			return appointmentView(cancelled);
		},
		upcoming: async (accountId, contactId) => {
			const now = deps.now?.() ?? new Date();
			const active = await listAppointments(deps.pool, { accountId, contactId, active: true });
			const next = active.find((appointment) => appointment.startsAt > now);
			return next ? appointmentView(next) : null;
		},
		get: async (id) => {
			const found = await getAppointment(deps.pool, id);
			return found ? appointmentView(found) : null;
		},
	};
}

export interface BookingMailDeps {
	pool: Pool;
	mailer: Pick<Transporter, 'sendMail'>;
	reader: Pick<ContentReader, 'messageTemplate'>;
	business: BusinessInfo;
	/** The From and ORGANIZER, e.g. the business's bookings address. */
	organizer: { name: string; email: string };
}

const MAIL_TEMPLATES: Record<BookingEvent, string> = {
	booked: 'appointment_confirmed',
	rescheduled: 'appointment_rescheduled',
	cancelled: 'appointment_cancelled',
};

/** The `email` of bookingEffects: the e-mail template, and the invite the core writes. */
export function bookingMail(
	deps: BookingMailDeps,
): (event: BookingEvent, appointment: AppointmentView, customer: CustomerRef) => Promise<void> {
	return async (event, view, customer) => {
		const appointment = await getAppointment(deps.pool, view.id);
		if (!appointment?.customerEmail) return;
		const key = MAIL_TEMPLATES[event];
		const template = await deps.reader.messageTemplate(key, customer.language, {
			channel: 'email',
		});
		if (!template) throw new TemplateNotFoundError({ key, language: customer.language });
		const rendered = renderMessage(template, {
			locale: customer.language,
			timeZone: customer.timeZone,
			now: new Date(),
			contact: { name: customer.name, language: customer.language },
			business: deps.business,
			appointment: view.facts,
		});
		await sendAppointmentEmail({ pool: deps.pool, mailer: deps.mailer }, appointment, {
			kind: event === 'cancelled' ? 'cancel' : 'request',
			organizer: deps.organizer,
			subject: rendered.subject ?? rendered.text.slice(0, 80),
			text: rendered.text,
		});
	};
}
