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
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return only status, labels, team, assignee and custom attributes',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const simplify = this.getNodeParameter('simplify', i) as boolean;
	const client = await chatwootClientFor(this);
	const conversation = await client.conversations.get(conversationId);
	if (!simplify) return conversation as unknown as IDataObject;
	return {
		conversationId: conversation.id,
		inboxId: conversation.inbox_id,
		status: conversation.status,
		labels: conversation.labels,
		teamId: conversation.meta.team?.id ?? null,
		assigneeId: conversation.meta.assignee?.id ?? null,
		priority: conversation.priority,
		customAttributes: conversation.custom_attributes as IDataObject,
	};
}
