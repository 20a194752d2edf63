import type { INodeProperties } from 'n8n-workflow';
import * as applyTriage from './applyTriage.operation';
import * as get from './get.operation';
import * as transition from './transition.operation';

export const operations = { get, transition, applyTriage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Apply Triage Proposal',
				value: 'applyTriage',
				action: 'Apply the stage proposal of a triage',
				description:
					"Move the contact to the stage Claude proposed, when the stage rule allows it (forward only, at or above the department's confidence threshold)",
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the stage of a contact',
				description: 'Read where the contact is now, and optionally how it got there',
			},
			{
				name: 'Transition',
				value: 'transition',
				action: 'Move a contact to a stage',
				description:
					'Record a move (who and why) and show the new stage in Chatwoot; a move the lifecycle forbids fails',
			},
		],
		default: 'get',
	},
	...get.description,
	...transition.description,
	...applyTriage.description,
];
