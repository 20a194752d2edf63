import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { awaitsCustomer, loadBookingState } from '@switchboard/glue/booking';
import { logStorePoolFor } from '../../../shared/clients';
import { conversationIdOf } from './common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: "The Chatwoot conversation; in workflow 01 the batch's conversation ID",
		required: true,
	},
];

export const resultField = 'booking';

export const description = updateDisplayOptions(
	{ show: { operation: ['bookingChat'] } },
	properties,
);

/**
 * `{active, state}`: active when the assistant asked this conversation something (times offered,
 * the time zone) and the customer's message is the answer, so it goes to the booking chat.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const conversationId = conversationIdOf(this, i);
	const state = await loadBookingState(await logStorePoolFor(this), conversationId);
	return { active: awaitsCustomer(state), state: state?.state ?? null };
}
