import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { normaliseLabels } from '@switchboard/glue/chatwoot';
import { chatwootClientFor } from '../../../../shared/clients';
import { labelsParameter } from '../../../../shared/labels';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Labels',
		name: 'labels',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. billing, urgent',
		description: 'Comma-separated, or a list from an expression; existing labels stay',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['addLabels'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const labels = normaliseLabels(labelsParameter(this, 'labels', i));
	if (labels.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No labels given: write at least one', {
			itemIndex: i,
		});
	}
	const client = await chatwootClientFor(this);
	return { conversationId, labels: await client.conversations.addLabels(conversationId, labels) };
}
