import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { publishDuePost } from '@switchboard/glue/social';
import { logStorePoolFor } from '../../../../shared/clients';
import { pollOptionsOf, pollProperties, type PollSeconds } from '../instagram/poll';
import { handoffMailFor, loggerOf, metaTargetFor, postLogFor } from './deps';

const properties: INodeProperties[] = [
	{
		displayName: 'Post',
		name: 'post',
		type: 'json',
		default: '={{ { ...$json.post, captions: $json.captions } }}',
		required: true,
		description:
			'A due post with its captions: the "post" Find Due Posts made, with the "captions" the Caption Writer wrote',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: pollProperties('Instagram '),
	},
];

export const resultField = 'outcome';

export const description = updateDisplayOptions(
	{ show: { resource: ['autoPost'], operation: ['publish'] } },
	properties,
);

/**
 * One item per platform: posted, failed, skipped, duplicate (another run has the slot) or handoff
 * (TikTok: the e-mail for the Send Email node, with its addresses, is in `email`).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as PollSeconds;
	const outcomes = await publishDuePost(
		this.getNodeParameter('post', i, {}, { ensureType: 'json' }),
		{
			db: await logStorePoolFor(this),
			meta: await metaTargetFor(this),
			postLog: await postLogFor(this),
			now: Date.now,
			poll: pollOptionsOf(options),
			logger: loggerOf(this),
			mail: await handoffMailFor(this),
		},
	);
	return outcomes as unknown as IDataObject[];
}
