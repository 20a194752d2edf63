import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { checkInboundForBroadcasts } from '@switchboard/glue/audience';
import { logStoreTransactionPoolFor } from '../../../shared/clients';
import { resultFieldOption } from '../../../shared/run-items';
import { broadcastRecordsFor } from './helpers';

const properties: INodeProperties[] = [
	{
		displayName: 'Message Text',
		name: 'text',
		type: 'string',
		default: '',
		placeholder: 'e.g. STOP',
		description:
			"The customer's latest message; only a message that is exactly a stop or start word counts",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +34600111222',
		description:
			"The customer's WhatsApp number; empty on Messenger and Instagram, where nothing is done",
	},
	{
		displayName: 'Contact Name',
		name: 'name',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'number',
		default: 0,
		description: 'The Chatwoot contact, 0 when unknown',
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		description: 'The Chatwoot conversation, kept with a reply to a broadcast for the dashboard',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [resultFieldOption('broadcast')],
	},
];

export const resultField = 'broadcast';

export const description = updateDisplayOptions({ show: { operation: ['inbound'] } }, properties);

/**
 * `{ optOut, repliedTo, note, skipped }`: optOut is `{ kind: 'stop' | 'start', language, phone,
 * confirmation }` when the message was an opt-out or opt-in word (already suppressed or
 * re-subscribed: reply with the confirmation and skip triage); repliedTo and note name the
 * broadcast the customer got in the last 24 hours.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const phone = (this.getNodeParameter('phone', i) as string).trim();
	const name = (this.getNodeParameter('name', i) as string).trim();
	const contactId = this.getNodeParameter('contactId', i) as number;
	const check = await checkInboundForBroadcasts(
		{ records: await broadcastRecordsFor(this), pool: await logStoreTransactionPoolFor(this) },
		{
			text: this.getNodeParameter('text', i) as string,
			phone: phone || null,
			name: name || null,
			chatwootContactId: contactId || null,
			conversationId: (this.getNodeParameter('conversationId', i) as number) || null,
		},
	);
	return { ...check };
}
