import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { serviceProperty } from './common.descriptions';
import { bookingRuntimeFor, slotItem } from './runtime';

const properties: INodeProperties[] = [
	serviceProperty,
	{
		displayName: 'How Many',
		name: 'count',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 3,
		description: 'How many of the next free times to return',
	},
];

export const resultField = 'freeTimes';

export const description = updateDisplayOptions({ show: { operation: ['freeTimes'] } }, properties);

/** `{times: [{start, end}]}`: Google's free/busy ∩ opening hours ∩ lead time and horizon. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const runtime = await bookingRuntimeFor(this);
	const service = runtime.service(this.getNodeParameter('serviceKey', i) as string);
	const limit = this.getNodeParameter('count', i, 3) as number;
	const times = await runtime.backend.freeTimes(service, { limit });
	return { times: times.map(slotItem) };
}
