import type { IExecuteFunctions } from 'n8n-workflow';
import { openBookingRuntime, type BookingRuntime } from '@switchboard/glue/booking';
import type { LogStoreConnection } from '@switchboard/glue/log-store';
import {
	contentReaderFor,
	directusConnectionFor,
	logStoreTransactionPoolFor,
} from '../../../shared/clients';

export interface AppointmentsCredential {
	kind: 'service_account' | 'oauth';
	clientEmail?: string;
	privateKey?: string;
	subject?: string;
	clientId?: string;
	clientSecret?: string;
	refreshToken?: string;
	apiUrl?: string;
	tokenUrl?: string;
	smtpUrl?: string;
	organizerName?: string;
	organizerEmail?: string;
}

const text = (value: string | undefined) => (value ?? '').trim() || undefined;

function connectionString(connection: LogStoreConnection): string {
	const url = new URL('postgres://localhost');
	url.hostname = connection.host;
	url.port = String(connection.port || 5432);
	url.pathname = `/${connection.database}`;
	url.username = connection.user;
	url.password = connection.password ?? '';
	if (connection.ssl !== 'disable') url.searchParams.set('sslmode', 'require');
	return url.toString();
}

/** H6's CalendarConnection from the credential's fields. */
export function calendarConnectionOf(credential: AppointmentsCredential): Record<string, unknown> {
	const endpoints = { apiUrl: text(credential.apiUrl), tokenUrl: text(credential.tokenUrl) };
	const calendar =
		credential.kind === 'oauth'
			? {
					kind: 'oauth',
					clientId: credential.clientId,
					clientSecret: credential.clientSecret,
					refreshToken: credential.refreshToken,
					...endpoints,
				}
			: {
					kind: 'service_account',
					clientEmail: credential.clientEmail,
					privateKey: credential.privateKey,
					subject: text(credential.subject),
					...endpoints,
				};
	return calendar;
}

/** The booking library, from the node's Postgres, Directus and Appointments credentials. */
export async function bookingRuntimeFor(context: IExecuteFunctions): Promise<BookingRuntime> {
	const credential = await context.getCredentials<AppointmentsCredential>(
		'switchboardAppointmentsApi',
	);
	const postgres = await context.getCredentials<LogStoreConnection>('switchboardPostgresApi');
	const calendar = calendarConnectionOf(credential);
	const organizerEmail = text(credential.organizerEmail);
	return await openBookingRuntime({
		pool: await logStoreTransactionPoolFor(context),
		connectionString: connectionString(postgres),
		directus: await directusConnectionFor(context),
		reader: await contentReaderFor(context),
		calendar,
		smtpUrl: text(credential.smtpUrl) ?? null,
		organizer: organizerEmail
			? { name: text(credential.organizerName) ?? organizerEmail, email: organizerEmail }
			: null,
	});
}

/** A free time or an appointment as n8n items carry it: dates as ISO text. */
export function slotItem(slot: { start: Date; end: Date }): { start: string; end: string } {
	return { start: slot.start.toISOString(), end: slot.end.toISOString() };
}
