import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { runItems, type ItemOperation } from '../../../shared/run-items';
import * as facebook from './facebook';
import * as instagram from './instagram';

const operationsByResource: Record<string, Record<string, ItemOperation>> = {
	facebook: facebook.operations,
	instagram: instagram.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operationsByResource[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The Social Publisher node has no operation "${operation}" for "${resource}"`,
		);
	}
	return await runItems.call(this, execute);
}
