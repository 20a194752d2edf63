import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';
import { toNodeError } from './errors';

/** One operation's work on one item: returns its result, or one result per output item. */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/** An operation as its `<op>.operation.ts` file exports it. */
export interface Operation {
	execute: ItemOperation;
	/** The field of the input item the result goes under, e.g. `chatwoot`. */
	resultField: string;
}

/**
 * The Options entry that lets an operator choose the field, e.g. to keep the results of two
 * Chatwoot nodes on one item. The item loop reads it wherever an operation offers it.
 */
export function resultFieldOption(field: string): INodeProperties {
	return {
		displayName: 'Put Result in Field',
		name: 'resultField',
		type: 'string',
		default: field,
		placeholder: `e.g. ${field}`,
		description:
			"The field of the item that gets this node's result; the item's other fields pass on",
	};
}

/**
 * The item loop every Switchboard node shares: runs the operation per item and passes each input
 * item on with the operation's result under its field (one output item per result), paired with
 * its input. Under "Continue On Fail" an error becomes an error item instead of stopping.
 */
export async function runItems(
	this: IExecuteFunctions,
	operation: Operation,
): Promise<INodeExecutionData[][]> {
	// Each item's own JSON: getInputData(i) would pick an input connection, not an item.
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex);
			const chosen = this.getNodeParameter('options.resultField', itemIndex, '') as string;
			const field = chosen.trim() || operation.resultField;
			const input = items[itemIndex]?.json ?? {};
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json: { ...input, [field]: json }, pairedItem: { item: itemIndex } });
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
 * The router every Switchboard node shares: picks the operation the user chose (within the chosen
 * resource, for nodes that have resources) and runs it over the items.
 */
export async function runChosenOperation(
	this: IExecuteFunctions,
	nodeLabel: string,
	operations: Record<string, Operation | Record<string, Operation>>,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const resource = this.getNodeParameter('resource', 0, '') as string;
	const scope = (resource ? operations[resource] : operations) as
		| Record<string, Operation>
		| undefined;
	const chosen = scope?.[operation];
	if (typeof chosen?.execute !== 'function') {
		const where = resource ? ` for "${resource}"` : '';
		throw new NodeOperationError(
			this.getNode(),
			`The ${nodeLabel} node has no operation "${operation}"${where}`,
		);
	}
	return await runItems.call(this, chosen);
}
