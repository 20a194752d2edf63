import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { runItems, type ItemOperation } from '../../../shared/run-items';
import * as conversation from './conversation';
import * as message from './message';
import type { ChatwootType } from './node.type';

const operationsByResource: Record<ChatwootType['resource'], Record<string, ItemOperation>> = {
	message: message.operations,
	conversation: conversation.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as ChatwootType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operationsByResource[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The Chatwoot node has no operation "${operation}" for "${resource}"`,
		);
	}
	return await runItems.call(this, execute);
}
