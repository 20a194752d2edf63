import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	effectiveHours,
	isOpen,
	nextOpening,
	resolveDepartment,
	type ReceivingChannel,
} from '@switchboard/glue/routing';
import { contentReaderFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Received By',
		name: 'receivedBy',
		type: 'options',
		options: [
			{ name: 'Chatwoot Inbox ID', value: 'inbox_id' },
			{ name: 'WhatsApp Number', value: 'whatsapp_number' },
			{ name: 'WhatsApp Phone-Number ID', value: 'phone_number_id' },
		],
		default: 'inbox_id',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '={{ $json.batch.inboxId }}',
		required: true,
		description: 'The inbox ID, number or phone-number ID that received the message',
	},
];

export const resultField = 'department';

export const description = updateDisplayOptions(
	{ show: { operation: ['resolveDepartment'] } },
	properties,
);

/** The department, with its `hours`: open now, and when it next opens. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const by = this.getNodeParameter('receivedBy', i) as ReceivingChannel['by'];
	const value = String(this.getNodeParameter('value', i)).trim();
	const reader = await contentReaderFor(this);
	const [departments, business] = await Promise.all([reader.departments(), reader.businessInfo()]);
	const department = resolveDepartment(departments, { by, value } as ReceivingChannel);
	const hours = effectiveHours(department, business);
	const now = new Date();
	const next = nextOpening(hours, business.timeZone, now);
	// Directus down: the department came from the last good read; the route's note says how old.
	const stale = reader.staleness();
	return {
		...department,
		...(stale ? { stale: { ...stale } } : {}),
		hours: {
			open: isOpen(hours, business.timeZone, now),
			nextOpening: next?.at.toISOString() ?? null,
			nextOpeningPhrase: next?.phrase ?? null,
			timeZone: business.timeZone,
		},
	};
}
