import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';
import { replayDeadLetters } from '@switchboard/glue/log-store';
import { logStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Ledger IDs',
		name: 'ledgerIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 17, 18 or all',
		description:
			'The dead letters to send again (IDs from the daily report), comma-separated, or "all"',
	},
];

export const resultField = 'replay';

export const description = updateDisplayOptions(
	{ show: { operation: ['replayDeadLetters'] } },
	properties,
);

/** Same as `node glue/src/gateway/cli.ts dead-letters replay`: back to pending, a gateway forwards them. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const raw = String(this.getNodeParameter('ledgerIds', i)).trim();
	const ids = raw
		.split(/[\s,]+/)
		.filter(Boolean)
		.map(Number);
	const all = raw.toLowerCase() === 'all';
	if (!all && (ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0))) {
		throw new NodeOperationError(
			this.getNode(),
			`Ledger IDs must be positive whole numbers or "all", not "${raw}"`,
			{ itemIndex: i },
		);
	}
	const pool = await logStorePoolFor(this);
	const replayed = await replayDeadLetters(pool, all ? 'all' : ids);
	return {
		replayed,
		notDeadLetters: all ? [] : ids.filter((id) => !replayed.includes(id)),
	};
}
