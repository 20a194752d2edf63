import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { AppointmentView, BookingOutcome, CustomerRef } from '@switchboard/glue/booking';
import { slotItem } from './runtime';

export const serviceProperty: INodeProperties = {
	displayName: 'Service Key',
	name: 'serviceKey',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. installation_visit',
	description: 'The key of an active service in Directus → Booking → Services',
};

export const startProperty: INodeProperties = {
	displayName: 'Start',
	name: 'start',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 2027-03-09T15:00:00Z',
	description: 'When the appointment starts, as an ISO date and time (one of the free times)',
};

export const appointmentIdProperty: INodeProperties = {
	displayName: 'Appointment ID',
	name: 'appointmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 6f1c2c1e-0000-4000-8000-000000000001',
};

/** Who books; the defaults read workflow 01's batch. */
export const customerProperties: INodeProperties[] = [
	{ displayName: 'Account ID', name: 'accountId', type: 'number', default: 1, required: true },
	{ displayName: 'Contact ID', name: 'contactId', type: 'number', default: 0, required: true },
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: 'The Chatwoot conversation the reminders go to; 0 for none',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		displayName: 'E-Mail',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		description: 'Where the calendar invite goes; empty sends none',
	},
	{ displayName: 'Language', name: 'language', type: 'string', default: 'en' },
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Madrid',
		description: "Where the customer reads times; empty: the business's",
	},
];

export function customerOf(
	context: IExecuteFunctions,
	i: number,
	fallbackZone: string,
): CustomerRef {
	const text = (name: string) => ((context.getNodeParameter(name, i, '') as string) || '').trim();
	return {
		accountId: context.getNodeParameter('accountId', i) as number,
		contactId: context.getNodeParameter('contactId', i) as number,
		conversationId: context.getNodeParameter('conversationId', i, 0) as number,
		name: text('name') || null,
		email: text('email') || null,
		language: text('language') || 'en',
		timeZone: text('timeZone') || fallbackZone,
	};
}

/** The Chatwoot conversation the operation is about; a clear error for anything but an id. */
export function conversationIdOf(context: IExecuteFunctions, i: number): number {
	const id = context.getNodeParameter('conversationId', i) as number;
	if (!Number.isInteger(id) || id <= 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Conversation ID must be a Chatwoot conversation's number (got ${String(id)})`,
			{ itemIndex: i },
		);
	}
	return id;
}

export function startOf(context: IExecuteFunctions, i: number): Date {
	const raw = (context.getNodeParameter('start', i) as string).trim();
	const start = new Date(raw);
	if (Number.isNaN(start.getTime())) {
		throw new RangeError(`Start "${raw}" is not an ISO date and time, e.g. 2027-03-09T15:00:00Z`);
	}
	return start;
}

export function appointmentItem(appointment: AppointmentView): IDataObject {
	return {
		id: appointment.id,
		status: appointment.status,
		serviceId: appointment.serviceId,
		...Object.fromEntries(
			Object.entries(slotItem({ start: appointment.startsAt, end: appointment.endsAt })).map(
				([key, value]) => [key === 'start' ? 'startsAt' : 'endsAt', value],
			),
		),
		reference: appointment.facts.reference,
	};
}

/** `{ok, appointment}` or `{ok: false, reason, alternatives}` (the next free times to offer). */
export function outcomeItem(outcome: BookingOutcome): IDataObject {
	return outcome.ok
		? { ok: true, appointment: appointmentItem(outcome.appointment) }
		: { ok: false, reason: outcome.reason, alternatives: outcome.alternatives.map(slotItem) };
}

/** The customer an appointment was booked for (moves and cancellations come without one). */
export function customerOfAppointment(
	appointment: AppointmentView,
	fallbackZone: string,
): CustomerRef {
	return {
		accountId: appointment.accountId,
		contactId: appointment.contactId,
		conversationId: appointment.conversationId ?? 0,
		name: null,
		email: null,
		language: appointment.language ?? 'en',
		timeZone: appointment.customerTimeZone ?? fallbackZone,
	};
}
