import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { findDuePosts } from '@switchboard/glue/social';
import { logStorePoolFor } from '../../../../shared/clients';
import { freshContentFor, loggerOf } from './deps';

interface FindDueOptions {
	catchUpMinutes?: number;
}

const properties: INodeProperties[] = [
	{
		displayName: 'Trigger',
		name: 'trigger',
		type: 'json',
		default: '={{ $json.body ?? {} }}',
		required: true,
		description:
			'What started the run: {} for the schedule, {"at": "…"} for a check as of an earlier time, or the Directus hook\'s {"event": "promotion.published", "promotionId": 12}',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Catch-Up Window (Minutes)',
				name: 'catchUpMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
				description:
					'How late a slot may still be posted, e.g. when n8n was down at 09:00; longer than the schedule interval',
			},
		],
	},
];

export const resultField = 'post';

export const description = updateDisplayOptions(
	{ show: { resource: ['autoPost'], operation: ['findDue'] } },
	properties,
);

/**
 * One item per promotion due now, with its slot and the platforms not yet posted in it. Promotions
 * without slots of their own follow Business info's default posting slots in Directus.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as FindDueOptions;
	const result = await findDuePosts(
		this.getNodeParameter('trigger', i, {}, { ensureType: 'json' }),
		{
			content: await freshContentFor(this),
			db: await logStorePoolFor(this),
			now: Date.now,
			...(options.catchUpMinutes ? { catchUpMs: options.catchUpMinutes * 60_000 } : {}),
		},
	);
	const logger = loggerOf(this);
	for (const problem of result.problems) {
		logger.warn(`social: promotion ${problem.promotionId} left out: ${problem.message}`);
	}
	return result.posts as unknown as IDataObject[];
}
