// Splits a WhatsApp Cloud webhook (reference/meta.md §2) into one item per message, status and
// echo, each wrapped in its own one-item envelope: Chatwoot reads only
// entry[0].changes[0].messages[0] (or statuses[0]) of a payload (reference/chatwoot.md §4), so a
// batch forwarded whole loses everything after the first.
import { z } from 'zod/v4';

export type WhatsAppItemKind = 'message' | 'status' | 'echo' | 'other';

/** Why an item is stored but not forwarded to Chatwoot. */
export const META_DROP_REASONS = [
	/** `object` is not whatsapp_business_account (or the body is not an object). */
	'not_whatsapp',
	/** A field Chatwoot does nothing with (account_update, template status, …). */
	'not_message_field',
	/** No value.metadata: nothing says which number it is for. */
	'no_metadata',
	/** display_phone_number has no digits: there is no inbox to post it to. */
	'no_display_number',
	/** A message or status without its wamid. */
	'no_id',
	/** A message with neither `from` nor `from_user_id`: no contact to file it under. */
	'no_sender',
	/** A status other than sent, delivered, read, played or failed. */
	'unknown_status',
	/** An out-of-band errors webhook (§2.10): logged, nothing for Chatwoot. */
	'errors_only',
	/** A messages change with nothing in it. */
	'empty',
	/** A status of a message we sent ourselves (a broadcast): the sender consumed it. */
	'own_send',
	/**
	 * For a display number that chatwoot/config does not list: no inbox of ours would take it
	 * (a number moved to another WABA, or a callback pointed at us by mistake).
	 */
	'unknown_number',
] as const;
export type MetaDropReason = (typeof META_DROP_REASONS)[number];

export interface WhatsAppWebhookItem {
	kind: WhatsAppItemKind;
	/** The message's (or status's, or echo's) wamid. */
	wamid: string | null;
	/** A status's `status`, as Meta wrote it. */
	status: string | null;
	phoneNumberId: string | null;
	/** Digits only: the Chatwoot inbox is `+` followed by these (§4 maps `"+" + display`). */
	displayNumber: string | null;
	/** The customer: wa_id, or the business-scoped user id when Meta sent no number (§2.11). */
	contact: string | null;
	/** The one-item envelope forwarded to Chatwoot, or kept as received when dropped. */
	payload: Record<string, unknown>;
	dropReason: MetaDropReason | null;
	/** A status's biz_opaque_callback_data: what the sender set to know its own messages. */
	callbackData?: string | null;
	/** Error codes of an out-of-band errors webhook, for the log. */
	errorCodes?: number[];
}

type Json = Record<string, unknown>;
const record = z.record(z.string(), z.unknown());
const changeSchema = z.looseObject({ field: z.string().optional(), value: record.optional() });
const envelopeSchema = z.looseObject({
	object: z.literal('whatsapp_business_account'),
	entry: z.array(
		z.looseObject({ id: z.string().optional(), changes: z.array(changeSchema).catch([]) }),
	),
});
const metadataSchema = z.looseObject({
	display_phone_number: z.string(),
	phone_number_id: z.string(),
});
const contactSchema = z.looseObject({
	wa_id: z.string().optional(),
	user_id: z.string().optional(),
});
const messageSchema = z.looseObject({
	id: z.string().optional(),
	from: z.string().optional(),
	from_user_id: z.string().optional(),
	to: z.string().optional(),
	to_user_id: z.string().optional(),
});
const itemsOf = (value: Json, key: string): unknown[] =>
	Array.isArray(value[key]) ? (value[key] as unknown[]) : [];
const stringOf = (value: unknown, key: string): string | null => {
	const field = (value as Json | null)?.[key];
	return typeof field === 'string' && field !== '' ? field : null;
};

export function splitWhatsAppWebhook(json: unknown): WhatsAppWebhookItem[] {
	const envelope = envelopeSchema.safeParse(json);
	if (!envelope.success) {
		return [other(record.safeParse(json).data ?? {}, 'not_whatsapp')];
	}
	const items: WhatsAppWebhookItem[] = [];
	for (const entry of envelope.data.entry) {
		for (const change of entry.changes) {
			items.push(...splitChange(entry.id ?? null, change));
		}
	}
	return items.length > 0 ? items : [other(envelope.data, 'empty')];
}

function splitChange(wabaId: string | null, change: z.infer<typeof changeSchema>) {
	const value = change.value ?? {};
	const field = change.field ?? 'messages';
	const whole = { object: 'whatsapp_business_account', entry: [{ id: wabaId, changes: [change] }] };
	if (field !== 'messages' && field !== 'smb_message_echoes') {
		return [other(whole, 'not_message_field')];
	}
	const metadata = metadataSchema.safeParse(value.metadata);
	if (!metadata.success) return [other(whole, 'no_metadata')];
	const phoneNumberId = metadata.data.phone_number_id;
	const displayNumber = metadata.data.display_phone_number.replace(/\D/g, '');
	const contacts = itemsOf(value, 'contacts');
	// Chatwoot builds the inbox number as "+" + display_phone_number: spaces or a "+" written by
	// Meta would miss the inbox, so the forwarded copy carries the digits only.
	const envelopeOf = (key: string, item: unknown, contact: unknown): Json => ({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: wabaId,
				changes: [
					{
						field,
						value: {
							...value,
							metadata: { ...metadata.data, display_phone_number: displayNumber },
							contacts: contact === undefined ? [] : [contact],
							messages: undefined,
							statuses: undefined,
							message_echoes: undefined,
							errors: undefined,
							[key]: [item],
						},
					},
				],
			},
		],
	});
	const base = { phoneNumberId, displayNumber: displayNumber || null };
	const items: WhatsAppWebhookItem[] = [];
	for (const raw of itemsOf(value, 'messages')) {
		const message = messageSchema.safeParse(raw).data ?? {};
		const contact = contactFor(contacts, message.from, message.from_user_id);
		const sender =
			message.from ??
			message.from_user_id ??
			stringOf(contact, 'wa_id') ??
			stringOf(contact, 'user_id');
		items.push({
			...base,
			kind: 'message',
			wamid: message.id ?? null,
			status: null,
			contact: stringOf(contact, 'wa_id') ?? stringOf(contact, 'user_id') ?? sender ?? null,
			payload: envelopeOf('messages', raw, contact),
			dropReason: !message.id ? 'no_id' : !sender ? 'no_sender' : null,
		});
	}
	for (const raw of itemsOf(value, 'statuses')) {
		const id = stringOf(raw, 'id');
		const recipient = stringOf(raw, 'recipient_id') ?? stringOf(raw, 'recipient_user_id');
		const contact = contactFor(
			contacts,
			recipient ?? undefined,
			stringOf(raw, 'recipient_user_id') ?? undefined,
		);
		const status = stringOf(raw, 'status');
		const known = ['sent', 'delivered', 'read', 'played', 'failed'].includes(status ?? '');
		items.push({
			...base,
			kind: 'status',
			wamid: id,
			status,
			contact: recipient,
			callbackData: stringOf(raw, 'biz_opaque_callback_data'),
			payload: envelopeOf('statuses', raw, contact),
			dropReason: !id ? 'no_id' : !known ? 'unknown_status' : null,
		});
	}
	for (const raw of itemsOf(value, 'message_echoes')) {
		const echo = messageSchema.safeParse(raw).data ?? {};
		const contact = contactFor(contacts, echo.to, echo.to_user_id);
		items.push({
			...base,
			kind: 'echo',
			wamid: echo.id ?? null,
			status: null,
			contact: echo.to ?? echo.to_user_id ?? null,
			payload: envelopeOf('message_echoes', raw, contact),
			dropReason: !echo.id ? 'no_id' : null,
		});
	}
	const missingNumber = (item: WhatsAppWebhookItem): WhatsAppWebhookItem =>
		item.dropReason === null && !displayNumber
			? { ...item, dropReason: 'no_display_number' }
			: item;
	if (items.length > 0) return items.map(missingNumber);
	const errors = itemsOf(value, 'errors');
	if (errors.length > 0) {
		const codes = errors.map((e) => (e as Json | null)?.code).filter((c) => typeof c === 'number');
		return [{ ...other(whole, 'errors_only'), ...base, errorCodes: codes }];
	}
	return [{ ...other(whole, 'empty'), ...base }];
}

/** The contact a message or status is about: matched by number or BSUID, else the only one. */
function contactFor(contacts: unknown[], waId?: string, userId?: string): unknown {
	const match = contacts.find((raw) => {
		const c = contactSchema.safeParse(raw).data;
		return !!c && ((!!waId && c.wa_id === waId) || (!!userId && c.user_id === userId));
	});
	return match ?? (contacts.length === 1 ? contacts[0] : undefined);
}

function other(payload: Json, reason: MetaDropReason): WhatsAppWebhookItem {
	return {
		kind: 'other',
		wamid: null,
		status: null,
		phoneNumberId: null,
		displayNumber: null,
		contact: null,
		payload,
		dropReason: reason,
	};
}
