import type { INodeProperties } from 'n8n-workflow';
import * as inbound from './inbound.operation';
import * as refreshCounts from './refreshCounts.operation';

export const operations = { inbound, refreshCounts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Check Inbound Message',
				value: 'inbound',
				action: 'Check an inbound message for opt out words and broadcast replies',
				description:
					'Before triage: act on STOP or START (suppress or re-subscribe, with the confirmation to send) and find the broadcast a customer is answering',
			},
			{
				name: 'Refresh Counts',
				value: 'refreshCounts',
				action: 'Refresh the delivery counts of recent broadcasts',
				description:
					'Write sent, delivered, read and failed counts from the deliveries to each broadcast sending or finished in the last two days',
			},
		],
		default: 'inbound',
	},
	...inbound.description,
	...refreshCounts.description,
];
