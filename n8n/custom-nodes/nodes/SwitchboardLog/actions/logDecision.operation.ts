import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { recordDecision } from '../../../../../glue/src/log-store/repository.ts';
import { logStorePoolFor } from '../../../shared/clients';
import { inputJson } from '../../../shared/run-items';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		required: true,
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'string',
		default: '={{ $json.route.outcome }}',
		required: true,
		description: 'What became of the message: auto_replied, handed_off, fallback or transferred',
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'json',
		default: '={{ $json.decision }}',
		required: true,
		description:
			'The decision as the Claude Triage node outputs it in its "decision" field: triage, model, tokens, cost, latency',
	},
	{
		displayName: 'Inbound Event ID',
		name: 'inboundEventId',
		type: 'number',
		default: 0,
		description:
			"The gateway's ledger ID of the message, when it came through the gateway; 0 for none",
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['logDecision'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const decision = this.getNodeParameter('decision', i, {}, { ensureType: 'json' }) as IDataObject;
	const inboundEventId = this.getNodeParameter('inboundEventId', i) as number;
	const pool = await logStorePoolFor(this);
	const { id } = await recordDecision(pool, {
		...decision,
		conversationId: this.getNodeParameter('conversationId', i) as number,
		outcome: this.getNodeParameter('outcome', i) as string,
		inboundEventId: inboundEventId || null,
	} as Parameters<typeof recordDecision>[1]);
	return { ...inputJson.call(this, i), decisionId: id };
}
