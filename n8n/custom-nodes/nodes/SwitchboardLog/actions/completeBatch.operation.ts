import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { completeInboundBatch } from '../../../../../glue/src/log-store/inbound-claims.ts';
import { logStorePoolFor } from '../../../shared/clients';
import { inputJson } from '../../../shared/run-items';

const properties: INodeProperties[] = [
	{
		displayName: 'Claim Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		default: "={{ $('Claim messages').item.json.claim.token }}",
		required: true,
		description: 'The token the Claim Batch operation returned',
	},
	{
		displayName: 'Ledger IDs',
		name: 'ledgerIds',
		type: 'json',
		default: "={{ $('Claim messages').item.json.claim.claimed }}",
		required: true,
		description: 'The claimed ledger IDs, e.g. [12, 13]',
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

export const description = updateDisplayOptions(
	{ show: { operation: ['completeBatch'] } },
	properties,
);

/** Marks the claimed messages handled, so a redelivery of the batch is skipped. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const ledgerIds = this.getNodeParameter('ledgerIds', i, [], { ensureType: 'json' });
	const decisionId = this.getNodeParameter('decisionId', i) as number;
	const completed = await completeInboundBatch(await logStorePoolFor(this), {
		token: this.getNodeParameter('token', i) as string,
		ledgerIds: ledgerIds as number[],
		result: this.getNodeParameter('result', i) as string,
		decisionId: decisionId || null,
	});
	return { ...inputJson.call(this, i), completed };
}
