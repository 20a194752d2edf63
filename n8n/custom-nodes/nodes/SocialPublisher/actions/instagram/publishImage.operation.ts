import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	CONTAINER_MAX_WAIT_MS,
	CONTAINER_POLL_INTERVAL_MS,
} from '../../../../../../glue/src/meta/resource-instagram.ts';
import { publishInstagramImage } from '../../../../../../glue/src/meta/publish-instagram-image.ts';
import { metaClientFor } from '../../../../shared/clients';
import { instagramAccountOf } from './account';

interface PublishOptions {
	altText?: string;
	pollIntervalSeconds?: number;
	maxWaitSeconds?: number;
}

// The defaults below are Meta's advice (poll once a minute, give up after five); the library holds
// the same numbers for callers that set nothing.
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
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'How long to wait for Instagram to process the image before giving up',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description: "How often to ask whether Instagram's processing has finished",
			},
		],
	},
];

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
		{
			pollIntervalMs: (options.pollIntervalSeconds ?? CONTAINER_POLL_INTERVAL_MS / 1000) * 1000,
			maxWaitMs: (options.maxWaitSeconds ?? CONTAINER_MAX_WAIT_MS / 1000) * 1000,
		},
	);
	return {
		platform: 'instagram',
		postId: published.mediaId,
		containerId: published.containerId,
		quotaUsedBefore: published.quota.quotaUsage,
		quotaTotal: published.quota.quotaTotal,
	};
}
