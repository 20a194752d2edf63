import {
	createContact,
	E164,
	ensureContactInbox,
	updateContact,
	whatsappSourceId,
	type ContactChanges,
} from './contacts.ts';
import { isoTime } from './clock.ts';
import { httpErrors } from './http-errors.ts';
import { uuid } from './ids.ts';
import { isRecord } from './json.ts';
import { channelType, restContact } from './present-rest.ts';
import type { Handler } from './route.ts';
import type { Contact, Inbox } from './types.ts';

const PER_PAGE = 15;

/**
 * contacts#search: q is required; case-insensitive on name, email and phone, case-sensitive on
 * identifier. meta.count is the size of THIS page and current_page echoes the param as sent.
 */
export const searchContactsHandler: Handler = ({ query, account }, deps) => {
	const q = typeof query.q === 'string' ? query.q : '';
	if (q === '') throw httpErrors.unprocessable('Specify search string with parameter q');
	const needle = q.toLowerCase();
	const matches = deps.state.contacts
		.filter((c) => c.accountId === account.id)
		.filter(
			(c) =>
				[c.name, c.email, c.phoneNumber].some((v) => v?.toLowerCase().includes(needle)) ||
				(c.identifier?.includes(q) ?? false),
		);
	const pageParam = typeof query.page === 'string' ? query.page : undefined;
	const page = Math.max(Number(pageParam ?? 1) || 1, 1);
	const rows = matches.slice((page - 1) * PER_PAGE, page * PER_PAGE);
	const withInboxes = query.include_contact_inboxes !== 'false';
	return {
		body: {
			meta: {
				count: rows.length,
				current_page: pageParam ?? 1,
				has_more: matches.length > page * PER_PAGE,
			},
			payload: rows.map((c) => restContact(deps.state, c, withInboxes)),
		},
	};
};

export const createContactHandler: Handler = ({ body, account }, deps) => {
	const { state } = deps;
	const text = (key: string) =>
		typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : null;
	const phoneNumber = text('phone_number');
	const email = text('email');
	const identifier = text('identifier');
	const errors: { attribute: string; message: string }[] = [];
	const others = state.contacts.filter((c) => c.accountId === account.id);
	if (phoneNumber !== null && !E164.test(phoneNumber)) {
		errors.push({ attribute: 'phone_number', message: 'Phone number should be in e164 format' });
	} else if (phoneNumber !== null && others.some((c) => c.phoneNumber === phoneNumber)) {
		errors.push({ attribute: 'phone_number', message: 'Phone number has already been taken' });
	}
	if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) {
		errors.push({ attribute: 'email', message: 'Email Invalid email' });
	} else if (email !== null && others.some((c) => c.email?.toLowerCase() === email.toLowerCase())) {
		errors.push({ attribute: 'email', message: 'Email has already been taken' });
	}
	if (identifier !== null && others.some((c) => c.identifier === identifier)) {
		errors.push({ attribute: 'identifier', message: 'Identifier has already been taken' });
	}
	let inbox: Inbox | undefined;
	if (body.inbox_id !== undefined) {
		inbox = state.inboxes.find((i) => i.id === body.inbox_id && i.accountId === account.id);
		if (!inbox) throw httpErrors.notFound();
	}
	if (errors.length > 0) throw httpErrors.invalidRecord(errors);
	const contact = createContact(deps, account.id, {
		name: text('name'),
		email,
		phoneNumber,
		identifier,
		blocked: body.blocked === true,
		customAttributes: isRecord(body.custom_attributes) ? body.custom_attributes : {},
		additionalAttributes: isRecord(body.additional_attributes) ? body.additional_attributes : {},
	});
	let contactInbox = null;
	if (inbox) {
		const sourceId =
			text('source_id') ??
			(inbox.channelType === 'whatsapp' && phoneNumber ? whatsappSourceId(phoneNumber) : uuid());
		const created = ensureContactInbox(deps, contact, inbox, sourceId);
		contactInbox = { inbox: rawInbox(inbox), source_id: created.sourceId };
	}
	return {
		body: {
			payload: {
				contact: restContact(state, contact),
				contact_inbox: contactInbox ?? { inbox: null, source_id: null },
			},
		},
	};
};

function contactOf(
	deps: Parameters<Handler>[1],
	accountId: number,
	params: Record<string, string>,
): Contact {
	const contact = deps.state.contacts.get(Number(params.id));
	if (!contact || contact.accountId !== accountId) throw httpErrors.notFound();
	return contact;
}

/** contacts#show: `{payload: {contact}}`. */
export const showContactHandler: Handler = ({ params, account }, deps) => ({
	body: { payload: { contact: restContact(deps.state, contactOf(deps, account.id, params)) } },
});

/**
 * contacts#update: merges custom and additional attributes into what is there, replaces the other
 * fields given; a change emits contact_updated (account webhooks only).
 */
export const updateContactHandler: Handler = ({ params, body, account }, deps) => {
	const contact = contactOf(deps, account.id, params);
	const changes: ContactChanges = {};
	const text = (key: string) =>
		typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : null;
	if (typeof body.name === 'string') changes.name = body.name;
	if ('email' in body) changes.email = text('email');
	if ('phone_number' in body) {
		const phoneNumber = text('phone_number');
		if (phoneNumber !== null && !E164.test(phoneNumber)) {
			throw httpErrors.invalidRecord([
				{ attribute: 'phone_number', message: 'Phone number should be in e164 format' },
			]);
		}
		changes.phoneNumber = phoneNumber;
	}
	if ('identifier' in body) changes.identifier = text('identifier');
	if (typeof body.blocked === 'boolean') changes.blocked = body.blocked;
	if (isRecord(body.custom_attributes)) changes.customAttributes = body.custom_attributes;
	if (isRecord(body.additional_attributes)) {
		changes.additionalAttributes = body.additional_attributes;
	}
	updateContact(deps, contact, changes);
	return { body: { payload: { contact: restContact(deps.state, contact) } } };
};

/** The Inbox row itself, as contacts#create renders it. */
function rawInbox(inbox: Inbox) {
	const epoch = isoTime(0);
	return {
		id: inbox.id,
		channel_id: inbox.channelId,
		account_id: inbox.accountId,
		name: inbox.name,
		created_at: epoch,
		updated_at: epoch,
		channel_type: channelType(inbox),
		enable_auto_assignment: inbox.enableAutoAssignment,
		greeting_enabled: false,
		greeting_message: null,
		enable_email_collect: true,
		csat_survey_enabled: false,
		allow_messages_after_resolved: true,
		lock_to_single_conversation: inbox.lockToSingleConversation,
		sender_name_type: 'friendly',
		business_name: null,
	};
}
