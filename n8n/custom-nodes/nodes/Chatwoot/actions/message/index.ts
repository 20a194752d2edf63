import type { INodeProperties } from 'n8n-workflow';
import * as privateNote from './privateNote.operation';
import * as reply from './reply.operation';

export const operations = { reply, privateNote };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Reply',
				value: 'reply',
				action: 'Reply to the customer',
				description: 'Send a message the customer sees, as the bot',
			},
			{
				name: 'Private Note',
				value: 'privateNote',
				action: 'Leave a private note for agents',
				description: 'Write a note only agents see',
			},
		],
		default: 'reply',
	},
	...reply.description,
	...privateNote.description,
];
