import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { recordLead } from '@switchboard/glue/content';
import { directusConnectionFor, optionalLogStorePoolFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		default: 0,
		required: true,
		description:
			"Chatwoot's conversation; one lead per conversation, a second call records nothing",
	},
	{
		displayName: 'Department Key',
		name: 'departmentKey',
		type: 'string',
		default: '={{ $json.department.key }}',
		required: true,
	},
	{
		displayName: 'Receiving Number',
		name: 'receivingNumber',
		type: 'string',
		default: '={{ $json.department?.whatsappNumbers?.[0] ?? "" }}',
		description: 'Our number the customer wrote to, e.g. +15550000001',
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '={{ $json.batch?.messages?.[0]?.sender?.name ?? "" }}',
	},
	{
		displayName: 'Contact Phone',
		name: 'contactPhone',
		type: 'string',
		default: '={{ $json.batch?.messages?.[0]?.sender?.phoneNumber ?? "" }}',
	},
	{
		displayName: 'First Message',
		name: 'firstMessage',
		type: 'string',
		default: '={{ $json.batch?.messages?.[0]?.content ?? "" }}',
	},
	{
		displayName: 'Referral',
		name: 'referral',
		type: 'json',
		default: '={{ $json.batch?.messages?.find((message) => message.referral)?.referral ?? {} }}',
		description:
			"Meta's referral (the ad or post the customer came from), or {} for none; by default the batch's first one, as only a conversation's first message has it",
	},
];

export const resultField = 'lead';

export const description = updateDisplayOptions(
	{ show: { operation: ['recordLead'] } },
	properties,
);

const orNull = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/**
 * Whether this call created the lead (`created` false: the conversation had one already). With the
 * Postgres credential, a lead Directus cannot take now is queued (`queued`) and written by a later
 * call, never dropped.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const outbox = await optionalLogStorePoolFor(this);
	const lead = await recordLead(
		await directusConnectionFor(this),
		{
			conversationId: this.getNodeParameter('conversationId', i) as number,
			department: this.getNodeParameter('departmentKey', i) as string,
			receivingNumber: orNull(this.getNodeParameter('receivingNumber', i)),
			contactName: orNull(this.getNodeParameter('contactName', i)),
			contactPhone: orNull(this.getNodeParameter('contactPhone', i)),
			firstMessage: orNull(this.getNodeParameter('firstMessage', i)),
			// n8n refuses a null JSON parameter, so "no referral" arrives as {}; the schema reads it as none.
			referral: this.getNodeParameter('referral', i, {}, { ensureType: 'json' }) as IDataObject,
		},
		outbox ? { outbox } : {},
	);
	return { ...lead };
}
