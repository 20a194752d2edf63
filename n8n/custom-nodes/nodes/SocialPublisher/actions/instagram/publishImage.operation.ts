import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { publishInstagramImage } from '@switchboard/glue/meta';
import { metaClientFor } from '../../../../shared/clients';
import { resultFieldOption } from '../../../../shared/run-items';
import { instagramAccountOf } from './account';
import { pollOptionsOf, pollProperties, type PollSeconds } from './poll';

interface PublishOptions extends PollSeconds {
	altText?: string;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		description: 'A public JPEG URL; Instagram fetches it',
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'At most 2,200 characters and 30 hashtags; checked before anything is created',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Alt Text',
				name: 'altText',
				type: 'string',
				default: '',
				description: 'What the image shows, for people using screen readers',
			},
			...pollProperties(),
			resultFieldOption('instagram'),
		],
	},
];

export const resultField = 'instagram';

export const description = updateDisplayOptions(
	{ show: { resource: ['instagram'], operation: ['publishImage'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as PublishOptions;
	const caption = this.getNodeParameter('caption', i) as string;
	const { client, credential } = await metaClientFor(this);
	const published = await publishInstagramImage(
		client.instagram,
		{
			igUserId: instagramAccountOf(this, credential, i),
			imageUrl: (this.getNodeParameter('imageUrl', i) as string).trim(),
			...(caption ? { caption } : {}),
			...(options.altText ? { altText: options.altText } : {}),
		},
		pollOptionsOf(options),
	);
	return {
		platform: 'instagram',
		postId: published.mediaId,
		containerId: published.containerId,
		quotaUsedBefore: published.quota.quotaUsage,
		quotaTotal: published.quota.quotaTotal,
	};
}
