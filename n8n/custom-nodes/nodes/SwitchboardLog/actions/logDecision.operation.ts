import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { recordDecision } from '@switchboard/glue/log-store';
import { decisionRow, type DecisionFacts, type TriageItem } from '@switchboard/glue/pipeline';
import { logStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		required: true,
	},
	{
		displayName: 'Triage',
		name: 'triage',
		type: 'json',
		default: '={{ $json.triage }}',
		required: true,
		description:
			"The Claude Triage node's triage: the verdict with its model, tokens, cost and latency",
	},
	{
		displayName: 'Route',
		name: 'route',
		type: 'json',
		default: '={{ $json.route }}',
		required: true,
		description: "The Department Router's route; its action gives the logged outcome",
	},
	{
		displayName: 'Inbound Event ID',
		name: 'inboundEventId',
		type: 'number',
		default: 0,
		description:
			"The gateway's ledger ID of the newest message, when it came through the gateway; 0 for none",
	},
];

export const resultField = 'decision';

export const description = updateDisplayOptions(
	{ show: { operation: ['logDecision'] } },
	properties,
);

/** The logged decision's `id` and `outcome`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const row = decisionRow({
		conversationId: this.getNodeParameter('conversationId', i) as number,
		triage: this.getNodeParameter('triage', i, {}, { ensureType: 'json' }) as unknown as TriageItem,
		route: this.getNodeParameter(
			'route',
			i,
			{},
			{ ensureType: 'json' },
		) as unknown as DecisionFacts['route'],
		inboundEventId: (this.getNodeParameter('inboundEventId', i) as number) || null,
		n8nExecutionId: this.getExecutionId(),
	});
	const { id } = await recordDecision(await logStorePoolFor(this), row);
	return { id, outcome: row.outcome };
}
