import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { botOwns } from '@switchboard/glue/chatwoot';
import { chatwootClientFor } from '../../../../shared/clients';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only status, labels, team, assignee, custom attributes and whether the bot still owns it',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

/**
 * The conversation as Chatwoot has it now. Simplified, `botOwns` says whether the bot may still
 * speak: pending and no person assigned (Chatwoot 4.15 and 4.16+ alike). Workflow 01 reads it
 * immediately before it replies or hands off.
 */
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
		assigneeType: conversation.meta.assignee?.type ?? null,
		botOwns: botOwns(conversation),
		priority: conversation.priority,
		customAttributes: conversation.custom_attributes as IDataObject,
	};
}
