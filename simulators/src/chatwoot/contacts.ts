import type { SimDeps } from './deps.ts';
import { secureToken } from './ids.ts';
import { contactWebhookData } from './present-webhook.ts';
import type { Contact, ContactInbox, Inbox, JsonObject } from './types.ts';

export interface NewContact {
	name?: string | null;
	email?: string | null;
	phoneNumber?: string | null;
	identifier?: string | null;
	blocked?: boolean;
	customAttributes?: JsonObject;
	additionalAttributes?: JsonObject;
}

export const E164 = /^\+[1-9]\d{1,14}$/;

/** Inserts the contact and emits contact_created (also for contacts an inbound message creates). */
export function createContact(deps: SimDeps, accountId: number, input: NewContact): Contact {
	const contact = deps.state.contacts.insert({
		accountId,
		name: input.name ?? input.phoneNumber ?? input.email ?? '',
		email: input.email ?? null,
		phoneNumber: input.phoneNumber ?? null,
		identifier: input.identifier ?? null,
		additionalAttributes: input.additionalAttributes ?? {},
		customAttributes: input.customAttributes ?? {},
		blocked: input.blocked ?? false,
		createdAt: deps.clock().getTime(),
		lastActivityAt: null,
	});
	deps.events.emit({
		name: 'contact_created',
		accountId,
		conversationId: null,
		build: () => ({ ...contactWebhookData(deps.state, contact), event: 'contact_created' }),
	});
	return contact;
}

export function ensureContactInbox(
	deps: SimDeps,
	contact: Contact,
	inbox: Inbox,
	sourceId: string,
): ContactInbox {
	const existing = deps.state.contactInboxBySource(inbox.id, sourceId);
	if (existing) return existing;
	const now = deps.clock().getTime();
	return deps.state.contactInboxes.insert({
		contactId: contact.id,
		inboxId: inbox.id,
		sourceId,
		pubsubToken: secureToken(),
		createdAt: now,
		updatedAt: now,
	});
}

/** For WhatsApp the contact-inbox source_id is the wa_id: the phone number without "+". */
export function whatsappSourceId(phoneNumber: string): string {
	return phoneNumber.replace(/\D/g, '');
}

/**
 * Finds the sender by wa_id in this inbox, then by phone number in the account, else creates a
 * contact named after the WhatsApp profile (or the phone number when there is none).
 */
export function findOrCreateWhatsappContact(
	deps: SimDeps,
	inbox: Inbox,
	waId: string,
	profileName: string | undefined,
): { contact: Contact; contactInbox: ContactInbox; created: boolean } {
	const known = deps.state.contactInboxBySource(inbox.id, waId);
	const knownContact = known && deps.state.contacts.get(known.contactId);
	if (known && knownContact) return { contact: knownContact, contactInbox: known, created: false };
	const phoneNumber = `+${waId}`;
	const byPhone = deps.state.contacts.find(
		(c) => c.accountId === inbox.accountId && c.phoneNumber === phoneNumber,
	);
	const contact =
		byPhone ??
		createContact(deps, inbox.accountId, { name: profileName || phoneNumber, phoneNumber });
	return {
		contact,
		contactInbox: ensureContactInbox(deps, contact, inbox, waId),
		created: !byPhone,
	};
}

/**
 * A WhatsApp user Meta names only by the business-scoped user id (BSUID, 2026; reference/meta.md
 * §2.11): the BSUID is the contact-inbox source_id, and there is no phone number to store.
 */
export function findOrCreateWhatsappUserContact(
	deps: SimDeps,
	inbox: Inbox,
	userId: string,
	profileName: string | undefined,
): { contact: Contact; contactInbox: ContactInbox; created: boolean } {
	const known = deps.state.contactInboxBySource(inbox.id, userId);
	const knownContact = known && deps.state.contacts.get(known.contactId);
	if (known && knownContact) return { contact: knownContact, contactInbox: known, created: false };
	const contact = createContact(deps, inbox.accountId, { name: profileName || userId });
	return { contact, contactInbox: ensureContactInbox(deps, contact, inbox, userId), created: true };
}

/**
 * Messenger and Instagram senders are known only by the page-scoped id Meta gives them (PSID,
 * IGSID), stored as the contact-inbox source_id: no phone number, no email, no identifier. The
 * name comes from Meta's profile; Instagram also gives the handle, which Chatwoot keeps in the
 * contact's additional_attributes (Instagram::BaseMessageBuilder#update_instagram_profile_link).
 */
export function findOrCreateSocialContact(
	deps: SimDeps,
	inbox: Inbox,
	senderId: string,
	profile: { name?: string; username?: string },
): { contact: Contact; contactInbox: ContactInbox; created: boolean } {
	const known = deps.state.contactInboxBySource(inbox.id, senderId);
	const knownContact = known && deps.state.contacts.get(known.contactId);
	if (known && knownContact) return { contact: knownContact, contactInbox: known, created: false };
	const additionalAttributes: JsonObject =
		inbox.channelType === 'instagram' && profile.username
			? {
					social_profiles: { instagram: profile.username },
					social_instagram_user_name: profile.username,
				}
			: {};
	const contact = createContact(deps, inbox.accountId, {
		name: profile.name || profile.username || senderId,
		additionalAttributes,
	});
	return {
		contact,
		contactInbox: ensureContactInbox(deps, contact, inbox, senderId),
		created: true,
	};
}

/** contacts#update's columns: custom and additional attributes are merged, the rest replaced. */
export interface ContactChanges {
	name?: string;
	email?: string | null;
	phoneNumber?: string | null;
	identifier?: string | null;
	blocked?: boolean;
	customAttributes?: JsonObject;
	additionalAttributes?: JsonObject;
}

const COLUMNS: [keyof ContactChanges, string][] = [
	['name', 'name'],
	['email', 'email'],
	['phoneNumber', 'phone_number'],
	['identifier', 'identifier'],
	['blocked', 'blocked'],
	['customAttributes', 'custom_attributes'],
	['additionalAttributes', 'additional_attributes'],
];

/**
 * Applies an update and, when something changed, emits contact_updated with Rails's
 * previous_changes as changed_attributes: one single-key object per column, updated_at included.
 */
export function updateContact(deps: SimDeps, contact: Contact, changes: ContactChanges): void {
	const merged: ContactChanges = {
		...changes,
		...(changes.customAttributes
			? { customAttributes: { ...contact.customAttributes, ...changes.customAttributes } }
			: {}),
		...(changes.additionalAttributes
			? {
					additionalAttributes: {
						...contact.additionalAttributes,
						...changes.additionalAttributes,
					},
				}
			: {}),
	};
	const changed: JsonObject[] = [];
	for (const [field, column] of COLUMNS) {
		const next = merged[field];
		if (next === undefined) continue;
		const previous = contact[field];
		if (JSON.stringify(previous) === JSON.stringify(next)) continue;
		changed.push({ [column]: { previous_value: previous, current_value: next } });
		Object.assign(contact, { [field]: next });
	}
	if (changed.length === 0) return;
	const now = new Date(deps.clock().getTime());
	changed.push({
		updated_at: {
			previous_value: new Date(contact.createdAt).toISOString(),
			current_value: now.toISOString(),
		},
	});
	deps.events.emit({
		name: 'contact_updated',
		accountId: contact.accountId,
		conversationId: null,
		build: () => ({
			...contactWebhookData(deps.state, contact),
			event: 'contact_updated',
			changed_attributes: changed,
		}),
	});
}
