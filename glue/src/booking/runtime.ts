// Everything a booking adapter (the n8n Appointments node, the demo) needs, built once from its
// connections: the catalog from Directus, the appointments core on Google Calendar, the e-mail,
// the jobs. Adapters then only translate their inputs.
import type pg from 'pg';
import type { AppointmentDeps } from '../appointments/booking.ts';
import { createCalendarClient } from '../appointments/calendar/client.ts';
import { calendarConnectionSchema } from '../appointments/calendar/connection.ts';
import { createMailer } from '../appointments/mail.ts';
import { connectDirectus, type ContentReader, type DirectusConnection } from '../content/index.ts';
import { createJobs, type Jobs } from '../jobs/index.ts';
import { effectiveHours } from '../routing/index.ts';
import { appointmentsBackend, bookingMail } from './appointments-backend.ts';
import type { AppointmentView, BookingBackend, BookingService, CustomerRef } from './backend.ts';
import { readBookingCatalog, type BookingCatalog } from './catalog.ts';
import { bookingEffects } from './effects.ts';
import type { BookingEvent } from './turn.ts';

export interface BookingRuntimeConfig {
	pool: pg.Pool;
	/** For pg-boss (the reminders' jobs); the same database as `pool`. */
	connectionString: string;
	directus: DirectusConnection;
	reader: ContentReader;
	/** H6's CalendarConnection, as a credential or .env gives it. */
	calendar: unknown;
	/** SMTP URL for the invites; null sends none. */
	smtpUrl: string | null;
	organizer: { name: string; email: string } | null;
	now?: () => Date;
	logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

export interface BookingRuntime {
	pool: pg.Pool;
	catalog: BookingCatalog;
	businessTimeZone: string;
	backend: BookingBackend;
	/** The appointments core's own dependencies (the reconcile of Directus changes uses them). */
	appointments: AppointmentDeps;
	/** The active service with this key; throws naming it otherwise. */
	service(key: string): BookingService;
	after(event: BookingEvent, appointment: AppointmentView, customer: CustomerRef): Promise<void>;
	jobs: Jobs;
}

// One pg-boss per database for the life of the process (an n8n worker runs many executions).
const sharedJobs = new Map<string, Promise<Jobs>>();

export function jobsFor(connectionString: string): Promise<Jobs> {
	let jobs = sharedJobs.get(connectionString);
	if (!jobs) {
		const created = createJobs({ connectionString });
		jobs = created.start().then(() => created);
		jobs.catch(() => sharedJobs.delete(connectionString));
		sharedJobs.set(connectionString, jobs);
	}
	return jobs;
}

export async function openBookingRuntime(config: BookingRuntimeConfig): Promise<BookingRuntime> {
	const [catalog, business, departments, jobs] = await Promise.all([
		readBookingCatalog(connectDirectus<object>(config.directus)),
		config.reader.businessInfo(),
		config.reader.departments(),
		jobsFor(config.connectionString),
	]);
	const calendar = createCalendarClient(calendarConnectionSchema.parse(config.calendar));
	const appointments: AppointmentDeps = {
		pool: config.pool,
		calendar,
		...(config.now ? { now: config.now } : {}),
	};
	const backend = appointmentsBackend({
		deps: appointments,
		hoursFor: (service) => {
			const department = departments.find((candidate) => candidate.key === service.department);
			return department ? effectiveHours(department, business) : business.openingHours;
		},
		timeZone: business.timeZone,
		settings: catalog.settings,
	});
	const mailer = config.smtpUrl ? createMailer(config.smtpUrl) : null;
	const organizer = config.organizer ?? { name: business.name, email: 'bookings@invalid' };
	const after = bookingEffects({
		pool: config.pool,
		jobs,
		reminderOffsetsMinutes: catalog.settings.reminderOffsetsMinutes,
		email: mailer
			? bookingMail({ pool: config.pool, mailer, reader: config.reader, business, organizer })
			: async () => undefined,
		...(config.now ? { now: config.now } : {}),
		...(config.logger ? { logger: config.logger } : {}),
	});
	return {
		pool: config.pool,
		catalog,
		businessTimeZone: business.timeZone,
		backend,
		appointments,
		after,
		jobs,
		service(key) {
			const found = catalog.services.find((service) => service.id === key && service.active);
			if (!found) {
				throw new RangeError(`booking: no active service "${key}" in Directus → Services`);
			}
			return found;
		},
	};
}

/** Whether a Google connection works: its token is granted and the calendar answers free/busy. */
export async function checkCalendarConnection(raw: unknown, calendarId = 'primary'): Promise<void> {
	const calendar = createCalendarClient(calendarConnectionSchema.parse(raw));
	const now = new Date();
	await calendar.freeBusy(calendarId, now, new Date(now.getTime() + 60_000));
}
