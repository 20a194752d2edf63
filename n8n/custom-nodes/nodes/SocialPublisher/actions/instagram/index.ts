import type { INodeProperties } from 'n8n-workflow';
import * as getQuota from './getQuota.operation';
import * as publishImage from './publishImage.operation';

export const operations = { publishImage, getQuota };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instagram'] } },
		options: [
			{
				name: 'Get Publishing Quota',
				value: 'getQuota',
				action: 'Get the instagram publishing quota',
				description: 'How many posts the account published in the last 24 hours, and its limit',
			},
			{
				name: 'Publish Image',
				value: 'publishImage',
				action: 'Publish an image to instagram',
				description:
					'Check the quota, create the container, wait until Instagram has processed it, publish',
			},
		],
		default: 'publishImage',
	},
	...publishImage.description,
	...getQuota.description,
];
