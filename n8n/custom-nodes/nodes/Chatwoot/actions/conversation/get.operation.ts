import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { botOwns, conversationOwner } from '@switchboard/glue/chatwoot';
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
	{
		displayName: 'Answering Message ID',
		name: 'answeringMessageId',
		type: 'number',
		default: 0,
		description:
			'The newest customer message the bot is about to act on. Simplified, `owner` then says who has the conversation: bot, after_bot_failure (Chatwoot opened it and nobody has written since that message: route it, say nothing) or person. 0: owner is bot or person only.',
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
 * speak: pending and no person assigned (Chatwoot 4.15 and 4.16+ alike); `owner` adds the
 * conversation Chatwoot opened before the bot could answer (conversationOwner). Workflow 01 reads
 * it after triage, right before it routes, replies or hands off.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const simplify = this.getNodeParameter('simplify', i) as boolean;
	const answering = this.getNodeParameter('answeringMessageId', i, 0) as number;
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
		owner: conversationOwner(conversation, answering || null),
		priority: conversation.priority,
		customAttributes: conversation.custom_attributes as IDataObject,
	};
}
