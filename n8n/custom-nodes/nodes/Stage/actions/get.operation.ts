import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { contactStage, stageHistory } from '@switchboard/glue/stages';
import { logStorePoolFor } from '../../../shared/clients';
import { contactProperties } from './common.descriptions';
import { contactKey, transitionItem } from './helpers';

const properties: INodeProperties[] = [
	...contactProperties,
	{
		displayName: 'Include History',
		name: 'includeHistory',
		type: 'boolean',
		default: false,
		description: "Whether to add the contact's moves, oldest first: from, to, by whom, why, when",
	},
];

export const resultField = 'stage';

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

/**
 * `{stage, since}`: `new` with `since` null for a contact nothing has moved yet; stage null for
 * contact ID 0 (a message whose sender Chatwoot did not name), so the triage goes on without one.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const key = contactKey(this, i);
	if (key.contactId === 0) return { stage: null, since: null };
	const pool = await logStorePoolFor(this);
	const current = await contactStage(pool, key);
	const result: IDataObject = {
		stage: current.stage,
		since: current.since?.toISOString() ?? null,
	};
	if (this.getNodeParameter('includeHistory', i, false) as boolean) {
		result.history = (await stageHistory(pool, key)).map(transitionItem) as IDataObject[];
	}
	return result;
}
