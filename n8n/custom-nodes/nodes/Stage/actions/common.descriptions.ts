import type { INodeProperties } from 'n8n-workflow';

/** The contact and its account, as Chatwoot numbers them; the defaults read workflow 01's batch. */
export const contactProperties: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'number',
		default: 0,
		required: true,
		description:
			"The Chatwoot contact's ID, e.g. the sender of the customer's message. 0: no contact (Get answers no stage, Apply Triage Proposal moves nothing).",
	},
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'number',
		default: 1,
		required: true,
		description: 'The Chatwoot account the contact belongs to',
	},
];
