import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { decisionsByConversation } from '@switchboard/glue/log-store';
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
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 50,
		description: 'Max number of results to return',
	},
];

export const resultField = 'decision';

export const description = updateDisplayOptions(
	{ show: { operation: ['getDecisions'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const pool = await logStorePoolFor(this);
	const decisions = await decisionsByConversation(pool, {
		conversationId: this.getNodeParameter('conversationId', i) as number,
		limit: this.getNodeParameter('limit', i) as number,
	});
	return decisions.map((decision) => ({
		...decision,
		createdAt: decision.createdAt.toISOString(),
	})) as unknown as IDataObject[];
}
