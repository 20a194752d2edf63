// A Chatwoot message webhook read tolerantly into our own small record, in Chatwoot's field names:
// only the fields the gateway and the pipeline use, each one checked, nothing copied by key. Chatwoot
// adds fields and sender kinds between versions (Captain, 4.17), channels leave fields out
// (Instagram has no phone number), and custom attributes carry keys anyone can name (`toString`,
// `__proto__`), which n8n's structuredClone chokes on. The ids we key on are the only strict part:
// a present but nonsensical one is an error naming the field; an absent one is null.
import { z } from 'zod/v4';

/** Names, URLs, ids from the channel: longer is nonsense, and it would be stored and forwarded. */
const MAX_TEXT = 2048;
const MAX_ATTACHMENTS = 20;

/** Removes what Postgres's jsonb refuses (NUL, unpaired surrogates) and caps the length. */
export function cleanText(value: string, max = Number.POSITIVE_INFINITY): string {
	const capped = value.length > max ? value.slice(0, max) : value;
	return capped.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

const text = (max = MAX_TEXT) =>
	z
		.string()
		.transform((value) => cleanText(value, max))
		.nullable()
		.catch(null);
const number = z.number().nullable().catch(null);
const flag = z.boolean().nullable().catch(null);
/** Anything but a plain object reads as `{}`, so its fields read as missing. */
const asObject = (value: unknown): object =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
const object = <T extends z.ZodRawShape>(shape: T) => z.preprocess(asObject, z.object(shape));

function toId(value: unknown): number | null | undefined {
	if (value === undefined || value === null || value === '') return null;
	const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
/** An id we key on: missing is null, anything but a positive integer is an issue on its path. */
const keyId = z.unknown().transform((value, ctx) => {
	const id = toId(value);
	if (id !== undefined) return id;
	ctx.addIssue({ code: 'custom', message: 'must be a positive integer' });
	return z.NEVER;
});
/** An id we only pass along: nonsense reads as null. */
const looseId = z.unknown().transform((value) => toId(value) ?? null);

export const SENDER_KINDS = ['contact', 'user', 'agent_bot', 'captain_assistant', 'other'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

// Webhook contacts come without `type`; a kind we do not know yet is `other`, never the customer.
const senderSchema = z.preprocess(
	(value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null),
	z
		.object({
			type: z
				.unknown()
				.transform(
					(type): SenderKind =>
						type === undefined || type === null || type === ''
							? 'contact'
							: (SENDER_KINDS.find((kind) => kind === type && kind !== 'other') ?? 'other'),
				),
			id: looseId,
			name: text(),
			phone_number: text(64),
		})
		.nullable(),
);

/** Attachment#push_event_data, the fields that describe what was sent (never the binary). */
export const storedAttachmentSchema = z.object({
	id: looseId,
	file_type: text(64),
	extension: text(64),
	content_type: text(256),
	data_url: text(),
	thumb_url: text(),
	file_size: number,
	width: number,
	height: number,
	coordinates_lat: number,
	coordinates_long: number,
	/** A location's name, a contact card's phone number. */
	fallback_title: text(),
	transcribed_text: text(16_384),
	/** A contact card's name, Chatwoot's `meta.firstName` / `meta.lastName` (see below). */
	contact_first_name: text(256),
	contact_last_name: text(256),
});
export type StoredAttachment = z.output<typeof storedAttachmentSchema>;

/**
 * Chatwoot's item, or one we stored before (a forward reads it again): a contact card's name moves
 * out of `meta`, whose other keys anyone could name.
 */
const attachmentItemSchema = z.preprocess((item) => {
	const { meta, ...rest } = item as Record<string, unknown>;
	if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return rest;
	const { firstName, lastName } = meta as Record<string, unknown>;
	return { ...rest, contact_first_name: firstName, contact_last_name: lastName };
}, storedAttachmentSchema);

export const storedAttachmentsSchema = z
	.array(z.unknown())
	.catch([])
	.transform((items) =>
		items
			.filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item))
			.slice(0, MAX_ATTACHMENTS)
			.map((item) => attachmentItemSchema.parse(item)),
	);

/** Meta's referral (a click-to-WhatsApp ad or post), which Chatwoot keeps in content_attributes. */
export const referralSchema = z.preprocess(
	(value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null),
	z
		.object({
			source_url: text(),
			source_id: text(),
			source_type: text(64),
			headline: text(),
			body: text(),
			media_type: text(64),
			image_url: text(),
			video_url: text(),
			thumbnail_url: text(),
			ctwa_clid: text(),
		})
		.transform((referral) => {
			const present = Object.entries(referral).filter(([, value]) => value !== null);
			return present.length > 0 ? (Object.fromEntries(present) as Partial<typeof referral>) : null;
		})
		.nullable(),
);
export type Referral = NonNullable<z.output<typeof referralSchema>>;

export const inboundMessageSchema = z.object({
	event: z.enum(['message_created', 'message_updated']),
	id: keyId,
	content: text(Number.POSITIVE_INFINITY),
	content_type: text(64),
	content_attributes: object({ referral: referralSchema.catch(null) }),
	/** Webhooks send a string: incoming, outgoing, template (activity is never sent). */
	message_type: text(32),
	private: flag,
	created_at: text(64),
	source_id: text(),
	sender: senderSchema.catch(null),
	inbox: object({ id: keyId }),
	conversation: object({
		id: keyId,
		inbox_id: keyId,
		status: text(32),
		channel: text(64),
		/** 4.14.2+. */
		account: object({ id: keyId }),
	}),
	account: object({ id: keyId }),
	attachments: storedAttachmentsSchema,
});
export type InboundMessage = z.output<typeof inboundMessageSchema>;

export type ReadInboundMessage =
	| { ok: true; message: InboundMessage }
	| { ok: false; issues: string[] };

/** Reads a message_created / message_updated body; `issues` name the fields ("conversation.id: …"). */
export function readInboundMessage(body: unknown): ReadInboundMessage {
	const parsed = inboundMessageSchema.safeParse(asObject(body));
	if (parsed.success) return { ok: true, message: parsed.data };
	// Paths and our own wording only: zod's messages could quote the customer's text.
	const issues = parsed.error.issues.map(
		(issue) =>
			`${issue.path.join('.') || '(body)'}: ${issue.code === 'custom' ? issue.message : 'invalid'}`,
	);
	return { ok: false, issues };
}

/** The account: the message's, else the conversation's (4.14.2+), else null. */
export function inboundAccountId(message: InboundMessage): number | null {
	return message.account.id ?? message.conversation.account.id;
}

/** The inbox: the message's, else the conversation's, else null. */
export function inboundInboxId(message: InboundMessage): number | null {
	return message.inbox.id ?? message.conversation.inbox_id;
}

/**
 * A public message from the contact, as far as the payload tells. Without a message_type, a
 * sender that is a contact decides it; without either, it is not the customer.
 */
export function isInboundCustomerMessage(message: InboundMessage): boolean {
	if (message.event !== 'message_created' || message.private === true) return false;
	if (message.message_type === null) return message.sender?.type === 'contact';
	return message.message_type === 'incoming';
}

/** What the bot needs to act but the payload lacks, as field paths; [] when complete. */
export function missingInboundFields(message: InboundMessage): string[] {
	const missing: string[] = [];
	if (message.id === null) missing.push('id');
	if (message.conversation.id === null) missing.push('conversation.id');
	if (message.conversation.status === null) missing.push('conversation.status');
	if (inboundInboxId(message) === null) missing.push('inbox.id');
	if (message.message_type === null) missing.push('message_type');
	return missing;
}
