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
		displayName: 'Assign To',
		name: 'assignTo',
		type: 'options',
		options: [
			{ name: 'Team', value: 'team' },
			{ name: 'Agent', value: 'agent' },
		],
		default: 'team',
	},
	{
		displayName: 'Team ID',
		name: 'teamId',
		type: 'number',
		default: 0,
		description: 'The team that takes the conversation; 0 removes the team',
		displayOptions: { show: { assignTo: ['team'] } },
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'number',
		default: 0,
		description: 'The agent who takes the conversation; 0 unassigns it',
		displayOptions: { show: { assignTo: ['agent'] } },
	},
	optionsWithResultField,
];

export const resultField = 'chatwoot';

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['assign'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = this.getNodeParameter('conversationId', i) as number;
	const assignTo = this.getNodeParameter('assignTo', i) as 'team' | 'agent';
	const client = await chatwootClientFor(this);
	if (assignTo === 'team') {
		const teamId = (this.getNodeParameter('teamId', i) as number) || null;
		const team = await client.conversations.assignTeam(conversationId, teamId);
		return { conversationId, teamId: team?.id ?? null };
	}
	const agentId = (this.getNodeParameter('agentId', i) as number) || null;
	const agent = await client.conversations.assignAgent(conversationId, agentId);
	return { conversationId, agentId: agent?.id ?? null };
}
