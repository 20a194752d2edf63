import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { claimBatchForTriage } from '@switchboard/glue/pipeline';
import { logStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Batch',
		name: 'batch',
		type: 'json',
		default: '={{ $json.body }}',
		required: true,
		description: "The gateway's batch, as its webhook delivers it",
	},
	{
		displayName: 'Lease (Seconds)',
		name: 'leaseSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		description:
			'How long the triage claim holds; a delivery after that takes the batch over, as the first execution must have died',
	},
];

export const resultField = 'batch';

export const description = updateDisplayOptions(
	{ show: { operation: ['claimTriage'] } },
	properties,
);

/**
 * The batch with `claim.status`: claimed (go on with `messages`, the inbound events this execution
 * owns), done (handled before: skip) or busy (another execution has it: ask the gateway to retry).
 * `unreadable` (null, or the missing fields and the agents' note) says to hand off without triage.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = this.getNodeParameter('batch', i, {}, { ensureType: 'json' });
	const leaseMs = (this.getNodeParameter('leaseSeconds', i) as number) * 1000;
	const { batch, claim, messages, unreadable } = await claimBatchForTriage(
		await logStorePoolFor(this),
		body,
		{ leaseMs },
	);
	return { ...batch, messages, claim, unreadable } as unknown as IDataObject;
}
