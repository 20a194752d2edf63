import {
	contactPayloadSchema,
	contactSearchSchema,
	createdContactSchema,
	type Contact,
	type ContactSearchResult,
	type CreatedContact,
} from './schemas-contact.ts';
import type { Transport } from './transport.ts';

export interface CreateContactInput {
	name?: string;
	email?: string;
	/** E.164 with "+"; unique per account. */
	phone_number?: string;
	identifier?: string;
	/** Also creates the contact inbox, so the contact can be messaged there. */
	inbox_id?: number;
	source_id?: string;
	custom_attributes?: Record<string, unknown>;
	additional_attributes?: Record<string, unknown>;
	blocked?: boolean;
}

export interface ContactsResource {
	/** Case-insensitive on name, email and phone; 15 a page. */
	search(
		q: string,
		input?: { page?: number; include_contact_inboxes?: boolean },
	): Promise<ContactSearchResult>;
	create(input: CreateContactInput): Promise<CreatedContact>;
	get(contactId: number): Promise<Contact>;
	/** PUT: Chatwoot merges `custom_attributes` and `additional_attributes` into what is there. */
	update(contactId: number, input: UpdateContactInput): Promise<Contact>;
}

export type UpdateContactInput = Omit<CreateContactInput, 'inbox_id' | 'source_id'>;

export function contactsResource(transport: Transport, accountPath: string): ContactsResource {
	return {
		search: (q, input = {}) =>
			transport.request(contactSearchSchema, {
				method: 'GET',
				path: `${accountPath}/contacts/search`,
				query: { q, page: input.page, include_contact_inboxes: input.include_contact_inboxes },
			}),
		create: (input) =>
			transport.request(createdContactSchema, {
				method: 'POST',
				path: `${accountPath}/contacts`,
				body: input,
				idempotent: false,
			}),
		get: (contactId) =>
			transport.request(contactPayloadSchema, {
				method: 'GET',
				path: `${accountPath}/contacts/${contactId}`,
			}),
		update: (contactId, input) =>
			transport.request(contactPayloadSchema, {
				method: 'PUT',
				path: `${accountPath}/contacts/${contactId}`,
				body: input,
			}),
	};
}
