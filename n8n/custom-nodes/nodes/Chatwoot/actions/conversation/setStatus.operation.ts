import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { chatwootClientFor } from '../../../../shared/clients';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Open', value: 'open', description: 'Humans take over; the bot stops answering' },
			{ name: 'Pending', value: 'pending', description: 'Back to the bot' },
			{ name: 'Resolved', value: 'resolved' },
			{ name: 'Snoozed', value: 'snoozed', description: 'Until the customer writes again' },
		],
		default: 'open',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['setStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const status = this.getNodeParameter('status', i) as 'open' | 'pending' | 'resolved' | 'snoozed';
	const client = await chatwootClientFor(this);
	const result = await client.conversations.toggleStatus(conversationId, { status });
	return { conversationId, status: result.current_status };
}
