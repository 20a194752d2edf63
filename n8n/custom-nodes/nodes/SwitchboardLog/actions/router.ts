import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { runItems, type ItemOperation } from '../../../shared/run-items';
import { operations } from './index';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = (operations as Record<string, ItemOperation>)[operation];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The Switchboard Log node has no operation "${operation}"`,
		);
	}
	return await runItems.call(this, execute);
}
