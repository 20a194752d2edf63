import type { INodeProperties } from 'n8n-workflow';
import * as addLabels from './addLabels.operation';
import * as assign from './assign.operation';
import * as get from './get.operation';
import * as handOff from './handOff.operation';
import * as setCustomAttributes from './setCustomAttributes.operation';
import * as setStatus from './setStatus.operation';

export const operations = {
	get,
	assign,
	addLabels,
	setStatus,
	handOff,
	setCustomAttributes,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Add Labels',
				value: 'addLabels',
				action: 'Add labels to a conversation',
				description: 'Add labels and keep the ones already there',
			},
			{
				name: 'Assign',
				value: 'assign',
				action: 'Assign a conversation to a team or an agent',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description:
					'Read status, labels, team and custom attributes, and whether the bot still owns it',
			},
			{
				name: 'Hand Off',
				value: 'handOff',
				action: 'Hand a conversation off to humans',
				description:
					'Leave a note, add labels, give it to a team and open it, so the bot stops answering',
			},
			{
				name: 'Set Custom Attributes',
				value: 'setCustomAttributes',
				action: 'Set custom attributes on a conversation',
				description: 'Merge the given attributes into the ones the conversation has',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				action: 'Set the status of a conversation',
			},
		],
		default: 'handOff',
	},
	...get.description,
	...assign.description,
	...addLabels.description,
	...setStatus.description,
	...handOff.description,
	...setCustomAttributes.description,
];
