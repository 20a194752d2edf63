import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { applyStaffChanges, hasPendingStaffChanges } from '@switchboard/glue/booking';
import {
	chatwootClientFor,
	contentReaderFor,
	logStoreTransactionPoolFor,
} from '../../../shared/clients';
import { bookingRuntimeFor } from './runtime';

const properties: INodeProperties[] = [];

export const resultField = 'changes';

export const description = updateDisplayOptions(
	{ show: { operation: ['applyChanges'] } },
	properties,
);

/**
 * `{applied, failed}`: each appointment the front desk moved or cancelled in Directus gets its
 * Google event moved or deleted, the invite mailed, its reminders moved or cancelled, and the
 * customer told, once. A change that fails stays pending for the next run.
 */
export async function execute(this: IExecuteFunctions): Promise<IDataObject> {
	// Every minute: look first, and open Google and Chatwoot only when something waits.
	if (!(await hasPendingStaffChanges(await logStoreTransactionPoolFor(this))))
		return { applied: [], failed: [] };
	const result = await applyStaffChanges({
		runtime: await bookingRuntimeFor(this),
		chatwoot: await chatwootClientFor(this),
		reader: await contentReaderFor(this),
		logger: this.logger,
	});
	return { applied: result.applied, failed: result.failed as unknown as IDataObject[] };
}
