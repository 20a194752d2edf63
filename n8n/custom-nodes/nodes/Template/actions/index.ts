import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/run-items';
import * as render from './render.operation';

export const operations = { render } satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Render',
				value: 'render',
				action: 'Render a message template for a contact',
				description:
					'The published template with this key, in the contact\'s language, filled in; added to the item as "message"',
			},
		],
		default: 'render',
	},
	...render.description,
];
