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

export const description = updateDisplayOptions({ show: { operation: ['hold'] } }, properties);

/** A lease on the time for the hold time (Directus booking settings); no event yet. A time taken meanwhile answers `ok: false` with the next free times. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const runtime = await bookingRuntimeFor(this);
	const service = runtime.service(this.getNodeParameter('serviceKey', i) as string);
	const customer = customerOf(this, i, runtime.businessTimeZone);
	const outcome = await runtime.backend.hold(service, startOf(this, i), customer);
	return outcomeItem(outcome);
}
