import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';
import { toNodeError } from './errors';

/** One operation's work on one item: returns the item's JSON result(s). */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/**
 * The item loop every Switchboard node shares: runs the operation per item, pairs each output with
 * its input, and under "Continue On Fail" turns an error into an error item instead of stopping.
 */
export async function runItems(
	this: IExecuteFunctions,
	operation: ItemOperation,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: nodeError.message, description: nodeError.description ?? null },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [returnData];
}

/**
 * Input item `itemIndex`'s JSON, which an operation passes on beside its result. (Not
 * `getInputData(itemIndex)`: its argument picks an input connection, so every item after the first
 * lost its fields, and from the third on n8n threw "Could not get input with given index".)
 */
export function inputJson(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getInputData()[itemIndex]?.json ?? {};
}

/**
 * The router every Switchboard node shares: picks the operation the user chose (within the chosen
 * resource, for nodes that have resources) and runs it over the items.
 */
export async function runChosenOperation(
	this: IExecuteFunctions,
	nodeLabel: string,
	operations: Record<string, ItemOperation | Record<string, ItemOperation>>,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const resource = this.getNodeParameter('resource', 0, '') as string;
	const scope = resource ? operations[resource] : operations;
	const execute = typeof scope === 'object' ? scope[operation] : undefined;
	if (typeof execute !== 'function') {
		const where = resource ? ` for "${resource}"` : '';
		throw new NodeOperationError(
			this.getNode(),
			`The ${nodeLabel} node has no operation "${operation}"${where}`,
		);
	}
	return await runItems.call(this, execute);
}
