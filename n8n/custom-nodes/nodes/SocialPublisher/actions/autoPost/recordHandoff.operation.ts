import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { recordHandoff } from '@switchboard/glue/social';
import { logStorePoolFor } from '../../../../shared/clients';
import { loggerOf, postLogFor } from './deps';

const properties: INodeProperties[] = [
	{
		displayName: 'Hand-Off',
		name: 'handoff',
		type: 'json',
		default: "={{ $('TikTok hand-offs only').item.json.outcome }}",
		required: true,
		description: 'The TikTok item the Publish operation output (status "handoff")',
	},
	{
		displayName: 'E-Mail Result',
		name: 'emailResult',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		description:
			'What the Send Email node returned; with "On Error: Continue" a failure arrives as {"error": …}',
	},
];

export const resultField = 'outcome';

export const description = updateDisplayOptions(
	{ show: { resource: ['autoPost'], operation: ['recordHandoff'] } },
	properties,
);

/** Completes the TikTok slot's claim and logs it in Directus as "emailed" or "failed". */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const outcome = await recordHandoff(
		this.getNodeParameter('handoff', i, {}, { ensureType: 'json' }),
		this.getNodeParameter('emailResult', i, {}, { ensureType: 'json' }),
		{
			db: await logStorePoolFor(this),
			postLog: await postLogFor(this),
			now: Date.now,
			logger: loggerOf(this),
		},
	);
	return outcome as unknown as IDataObject;
}
