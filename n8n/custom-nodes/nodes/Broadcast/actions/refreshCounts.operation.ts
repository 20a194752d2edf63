import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { refreshBroadcastCounts } from '@switchboard/glue/audience';
import { logStoreTransactionPoolFor } from '../../../shared/clients';
import { resultFieldOption } from '../../../shared/run-items';
import { broadcastRecordsFor } from './helpers';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [resultFieldOption('broadcasts')],
	},
];

export const resultField = 'broadcasts';

export const description = updateDisplayOptions(
	{ show: { operation: ['refreshCounts'] } },
	properties,
);

/** One result per broadcast refreshed: `{ broadcastId, status, counts }`. */
export async function execute(this: IExecuteFunctions): Promise<IDataObject[]> {
	const refreshed = await refreshBroadcastCounts({
		pool: await logStoreTransactionPoolFor(this),
		records: await broadcastRecordsFor(this),
	});
	return refreshed.map((row) => ({ ...row }));
}
