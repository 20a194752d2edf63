import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { sendDueReminder } from '@switchboard/glue/booking';
import { chatwootClientFor, contentReaderFor } from '../../../shared/clients';
import { appointmentIdProperty } from './common.descriptions';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [
	{ ...appointmentIdProperty, default: '={{ $json.body.appointmentId }}' },
	{
		displayName: 'Minutes Before',
		name: 'offsetMinutes',
		type: 'number',
		default: 0,
		required: true,
		description: 'Which reminder this is, e.g. 1440 (24 hours before) or 120',
	},
	{
		displayName: 'Scheduled For Start',
		name: 'startsAt',
		type: 'string',
		default: '={{ $json.body.startsAt }}',
		required: true,
		description:
			'The start the reminder was scheduled for; a moved appointment is not reminded of the old time',
	},
];

export const resultField = 'reminder';

export const description = updateDisplayOptions({ show: { operation: ['remind'] } }, properties);

/**
 * Sends a due reminder once: `sent`, `already_sent` (a retry), or `skipped` (cancelled or moved
 * meanwhile). The chat template inside WhatsApp's 24-hour window, the approved template outside.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const outcome = await sendDueReminder(
		{
			runtime: await bookingRuntimeFor(this),
			chatwoot: await chatwootClientFor(this),
			reader: await contentReaderFor(this),
		},
		{
			appointmentId: String(this.getNodeParameter('appointmentId', i)).trim(),
			offsetMinutes: Number(this.getNodeParameter('offsetMinutes', i)),
			startsAt: String(this.getNodeParameter('startsAt', i)).trim(),
		},
	);
	return { outcome };
}
