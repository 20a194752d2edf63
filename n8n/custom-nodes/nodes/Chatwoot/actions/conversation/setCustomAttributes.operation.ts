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
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['setCustomAttributes'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const pairs = this.getNodeParameter('attributes.attribute', i, []) as Array<{
		key: string;
		value: string;
	}>;
	const client = await chatwootClientFor(this);
	// Chatwoot replaces the whole hash, so merge with what is there to keep other keys.
	const current = (await client.conversations.get(conversationId)).custom_attributes ?? {};
	const merged = { ...current };
	for (const { key, value } of pairs) if (key.trim()) merged[key.trim()] = value;
	const saved = await client.conversations.setCustomAttributes(conversationId, merged);
	return { conversationId, customAttributes: saved as IDataObject };
}
