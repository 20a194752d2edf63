import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { chatwootClientFor } from '../../../../shared/clients';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'What the agents read; the customer never sees it',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['privateNote'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const note = (this.getNodeParameter('note', i) as string).trim();
	if (!note) {
		throw new NodeOperationError(this.getNode(), 'The note is empty: nothing was written', {
			itemIndex: i,
		});
	}
	const client = await chatwootClientFor(this);
	const written = await client.messages.createPrivateNote(conversationId, note);
	return { conversationId, messageId: written.id, private: true };
}
