import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { handOffConversation, normaliseLabels } from '@switchboard/glue/chatwoot';
import { chatwootClientFor } from '../../../../shared/clients';
import { labelsParameter } from '../../../../shared/labels';
import { conversationIdProperty, optionsWithResultField } from '../common.descriptions';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: 'Private note for the agents, e.g. the summary and the draft reply',
	},
	{
		displayName: 'Labels',
		name: 'labels',
		type: 'string',
		default: '',
		placeholder: 'e.g. billing, refund_request, urgency_high',
		description:
			"Comma-separated, or a list from an expression, such as the labels in Decide Route's plan; existing labels stay",
	},
	{
		displayName: 'Team ID',
		name: 'teamId',
		type: 'number',
		default: 0,
		description: 'The team that takes it; 0 leaves the team as it is',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Keep', value: 'keep', description: 'Leave the priority as it is' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'keep',
	},
	{
		displayName: 'Answering Message ID',
		name: 'answeringMessageId',
		type: 'number',
		default: 0,
		description:
			'The newest customer message this hand-off is for. When the bot already left a note after it (a run that stopped midway, run again), that note stands and only labels, team and status are done again. 0 always writes the note.',
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['handOff'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const priority = this.getNodeParameter('priority', i) as
		| 'keep'
		| 'low'
		| 'medium'
		| 'high'
		| 'urgent';
	const client = await chatwootClientFor(this);
	const result = await handOffConversation(client, {
		conversationId: this.getNodeParameter('conversationId', i) as number,
		note: this.getNodeParameter('note', i) as string,
		labels: normaliseLabels(labelsParameter(this, 'labels', i)),
		teamId: (this.getNodeParameter('teamId', i) as number) || null,
		...(priority === 'keep' ? {} : { priority }),
		answering: this.getNodeParameter('answeringMessageId', i, 0) as number,
	});
	return { ...result };
}
