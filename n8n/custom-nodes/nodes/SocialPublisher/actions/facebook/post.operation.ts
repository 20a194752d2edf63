import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { metaClientFor } from '../../../../shared/clients';
import { resultFieldOption } from '../../../../shared/run-items';

const properties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: "The post text, e.g. the Caption Writer's Facebook caption",
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		description: 'A public image URL; Facebook fetches it. Empty: a text post.',
	},
	{
		displayName: 'Link',
		name: 'link',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/offer',
		description: 'Attached to a text post; on a photo post, write it into the text',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [resultFieldOption('facebook')],
	},
];

export const resultField = 'facebook';

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['post'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const text = (this.getNodeParameter('text', i) as string).trim();
	const imageUrl = (this.getNodeParameter('imageUrl', i) as string).trim();
	const link = (this.getNodeParameter('link', i) as string).trim();
	if (!text && !imageUrl) {
		throw new NodeOperationError(this.getNode(), 'Nothing to post: the text and image are empty', {
			itemIndex: i,
		});
	}
	const { client, credential } = await metaClientFor(this);
	if (imageUrl) {
		const photo = await client.pages.createPhotoPost(credential.pageId, {
			url: imageUrl,
			caption: text,
		});
		return { platform: 'facebook', kind: 'photo', postId: photo.postId, photoId: photo.photoId };
	}
	const post = await client.pages.createFeedPost(credential.pageId, {
		message: text,
		...(link ? { link } : {}),
	});
	return { platform: 'facebook', kind: 'feed', postId: post.postId };
}
