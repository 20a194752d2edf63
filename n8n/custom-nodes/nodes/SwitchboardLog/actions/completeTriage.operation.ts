import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { completeTriage } from '@switchboard/glue/log-store';
import { logStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Claim Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: '={{ $json.batch.claim.token }}',
		required: true,
		description: 'The token the Claim Batch for Triage operation returned',
	},
	{
		displayName: 'Ledger IDs',
		name: 'ledgerIds',
		type: 'json',
		default: '={{ $json.batch.claim.claimed }}',
		required: true,
		description: 'The claimed inbound events (ledger IDs), e.g. [12, 13]',
	},
	{
		displayName: 'Result',
		name: 'result',
		type: 'string',
		default: '={{ $json.route?.outcome ?? "not_pending" }}',
		required: true,
		description: 'What became of the messages, e.g. auto_replied, handed_off, not_pending',
	},
	{
		displayName: 'Decision ID',
		name: 'decisionId',
		type: 'number',
		default: 0,
		description: 'The logged decision, 0 for none',
	},
];

export const resultField = 'completed';

export const description = updateDisplayOptions(
	{ show: { operation: ['completeTriage'] } },
	properties,
);

/**
 * Completes the triage claim: the inbound events are handled, so a redelivery of the batch is
 * skipped. `ledgerIds` lists the ones completed; fewer than claimed means the claim ran out.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const ledgerIds = this.getNodeParameter('ledgerIds', i, [], { ensureType: 'json' });
	const decisionId = this.getNodeParameter('decisionId', i) as number;
	const completed = await completeTriage(await logStorePoolFor(this), {
		token: this.getNodeParameter('token', i) as string,
		ledgerIds: ledgerIds as number[],
		result: this.getNodeParameter('result', i) as string,
		decisionId: decisionId || null,
	});
	return { ledgerIds: completed };
}
