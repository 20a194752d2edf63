import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	customerOf,
	customerProperties,
	outcomeItem,
	serviceProperty,
	startOf,
	startProperty,
} from './common.descriptions';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [serviceProperty, startProperty, ...customerProperties];

export const resultField = 'appointment';

export const description = updateDisplayOptions({ show: { operation: ['book'] } }, properties);

/** Hold, re-check Google, insert the event (a retry never makes a second), confirm; then the invite, the reminders and the booked stage. A time taken meanwhile answers `ok: false` with the next free times. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const runtime = await bookingRuntimeFor(this);
	const service = runtime.service(this.getNodeParameter('serviceKey', i) as string);
	const customer = customerOf(this, i, runtime.businessTimeZone);
	const outcome = await runtime.backend.book(service, startOf(this, i), customer);
	if (outcome.ok) await runtime.after('booked', outcome.appointment, customer);
	return outcomeItem(outcome);
}
