import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { metaClientFor } from '../../../../shared/clients';
import { instagramAccountOf } from './account';

const properties: INodeProperties[] = [];

export const resultField = 'instagram';

export const description = updateDisplayOptions(
	{ show: { resource: ['instagram'], operation: ['getQuota'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { client, credential } = await metaClientFor(this);
	const quota = await client.instagram.publishingLimit(instagramAccountOf(this, credential, i));
	return { platform: 'instagram', ...quota, remaining: quota.quotaTotal - quota.quotaUsage };
}
