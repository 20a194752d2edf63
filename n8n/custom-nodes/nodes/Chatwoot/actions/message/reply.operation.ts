import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { chatwootClientFor } from '../../../../shared/clients';
import { conversationIdProperty } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'What the customer reads',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['reply'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const text = (this.getNodeParameter('text', i) as string).trim();
	if (!text) {
		throw new NodeOperationError(this.getNode(), 'The reply is empty: nothing was sent', {
			itemIndex: i,
		});
	}
	const client = await chatwootClientFor(this);
	const sent = await client.messages.create(conversationId, {
		content: text,
		message_type: 'outgoing',
		private: false,
	});
	return { conversationId, messageId: sent.id, sent: true };
}
