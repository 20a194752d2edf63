import type { INodeProperties } from 'n8n-workflow';
import * as findDue from './findDue.operation';
import * as publish from './publish.operation';
import * as recordHandoff from './recordHandoff.operation';

export const operations = {
	findDue,
	publish,
	recordHandoff,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['autoPost'] } },
		options: [
			{
				name: 'Find Due Posts',
				value: 'findDue',
				action: 'Find the promotions due to be posted',
				description:
					'Live promotions whose slot is now (or that were just published), with the platforms not yet posted in that slot',
			},
			{
				name: 'Publish',
				value: 'publish',
				action: 'Publish a due post to every platform',
				description:
					'Claim each platform once per slot, post to Facebook and Instagram, prepare TikTok for e-mail, log every attempt in Directus',
			},
			{
				name: 'Record E-Mail Hand-Off',
				value: 'recordHandoff',
				action: 'Record how the tik tok email went',
				description: 'After the Send Email node: log the TikTok slot as emailed or failed',
			},
		],
		default: 'findDue',
	},
	...findDue.description,
	...publish.description,
	...recordHandoff.description,
];
