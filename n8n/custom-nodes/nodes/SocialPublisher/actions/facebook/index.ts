import type { INodeProperties } from 'n8n-workflow';
import * as post from './post.operation';

export const operations = { post };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['facebook'] } },
		options: [
			{
				name: 'Post',
				value: 'post',
				action: 'Post to the facebook page',
				description: 'A photo post when there is an image, otherwise a text post with the link',
			},
		],
		default: 'post',
	},
	...post.description,
];
