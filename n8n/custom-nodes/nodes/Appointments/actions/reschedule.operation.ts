import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	appointmentIdProperty,
	customerOfAppointment,
	outcomeItem,
	serviceProperty,
	startOf,
	startProperty,
} from './common.descriptions';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [appointmentIdProperty, serviceProperty, startProperty];

export const resultField = 'appointment';

export const description = updateDisplayOptions(
	{ show: { operation: ['reschedule'] } },
	properties,
);

/** Moves the appointment (the same Google event, the invite's SEQUENCE + 1) and its reminders. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const runtime = await bookingRuntimeFor(this);
	const service = runtime.service(this.getNodeParameter('serviceKey', i) as string);
	const id = (this.getNodeParameter('appointmentId', i) as string).trim();
	const outcome = await runtime.backend.reschedule(id, service, startOf(this, i));
	if (outcome.ok)
		await runtime.after(
			'rescheduled',
			outcome.appointment,
			customerOfAppointment(outcome.appointment, runtime.businessTimeZone),
		);
	return outcomeItem(outcome);
}
