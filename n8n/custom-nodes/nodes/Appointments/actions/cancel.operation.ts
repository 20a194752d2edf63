import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	appointmentIdProperty,
	appointmentItem,
	customerOfAppointment,
} from './common.descriptions';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [
	appointmentIdProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'e.g. The customer cannot make it',
		description: 'Kept with the appointment for staff',
	},
];

export const resultField = 'appointment';

export const description = updateDisplayOptions({ show: { operation: ['cancel'] } }, properties);

/** Deletes the Google event, frees the time, cancels the reminders and mails METHOD:CANCEL. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const runtime = await bookingRuntimeFor(this);
	const id = (this.getNodeParameter('appointmentId', i) as string).trim();
	const reason = (this.getNodeParameter('reason', i, '') as string).trim();
	const cancelled = await runtime.backend.cancel(id, reason || 'cancelled by staff');
	await runtime.after(
		'cancelled',
		cancelled,
		customerOfAppointment(cancelled, runtime.businessTimeZone),
	);
	return appointmentItem(cancelled);
}
