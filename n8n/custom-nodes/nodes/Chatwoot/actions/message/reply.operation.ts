import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { sendBotReply } from '@switchboard/glue/chatwoot';
import { chatwootClientFor } from '../../../../shared/clients';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

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
	{
		displayName: 'Answering Message ID',
		name: 'answeringMessageId',
		type: 'number',
		default: 0,
		description:
			'The customer message this answers. When the bot has already replied after it (a run that stopped before it was marked handled, run again), that reply stands and nothing is sent. 0 always sends.',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

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
	const answering = this.getNodeParameter('answeringMessageId', i, 0) as number;
	const client = await chatwootClientFor(this);
	const reply = await sendBotReply(client, { conversationId, content: text, answering });
	return { conversationId, ...reply };
}
