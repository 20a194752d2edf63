import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { recordAction } from '@switchboard/glue/log-store';
import { logStorePoolFor } from '../../../shared/clients';
import { labelsParameter } from '../../../shared/labels';
import { resultFieldOption } from '../../../shared/run-items';

const properties: INodeProperties[] = [
	{
		displayName: 'Decision ID',
		name: 'decisionId',
		type: 'number',
		default: 0,
		required: true,
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		required: true,
	},
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		options: [
			{ name: 'Hand-Off', value: 'handoff' },
			{ name: 'Label', value: 'label' },
			{ name: 'Private Note', value: 'private_note' },
			{ name: 'Reply', value: 'reply' },
			{ name: 'Team', value: 'team' },
			{ name: 'Transfer', value: 'transfer' },
		],
		default: 'reply',
	},
	{
		displayName: 'Chatwoot Message ID',
		name: 'chatwootMessageId',
		type: 'number',
		default: 0,
		description: 'The message the action wrote, for replies and notes; 0 for none',
	},
	{
		displayName: 'Team',
		name: 'team',
		type: 'string',
		default: '',
		description: 'The team it went to, for hand-offs, transfers and team changes',
	},
	{
		displayName: 'Labels',
		name: 'labels',
		type: 'string',
		default: '',
		placeholder: 'e.g. billing, urgency_high',
		description: 'Comma-separated, or a list from an expression: the labels the action added',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [resultFieldOption('action')],
	},
];

export const resultField = 'action';

export const description = updateDisplayOptions({ show: { operation: ['logAction'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const team = (this.getNodeParameter('team', i) as string).trim();
	const pool = await logStorePoolFor(this);
	const { id } = await recordAction(pool, {
		decisionId: this.getNodeParameter('decisionId', i) as number,
		conversationId: this.getNodeParameter('conversationId', i) as number,
		kind: this.getNodeParameter('kind', i) as Parameters<typeof recordAction>[1]['kind'],
		chatwootMessageId: (this.getNodeParameter('chatwootMessageId', i) as number) || null,
		team: team || null,
		labels: labelsParameter(this, 'labels', i),
	});
	return { id };
}
