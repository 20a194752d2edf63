import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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
