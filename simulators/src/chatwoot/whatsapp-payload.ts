// What Meta posts to /webhooks/whatsapp/:phone_number, reduced to the fields Chatwoot reads (§4).
import { z } from 'zod/v4';
import type { AttachmentInput } from './messages.ts';
import type { FileType, JsonObject } from './types.ts';

const media = z.looseObject({
	id: z.string(),
	mime_type: z.string().optional(),
	caption: z.string().optional(),
	filename: z.string().optional(),
});

export const metaMessageSchema = z.looseObject({
	// A username-only user (2026) comes with from_user_id (a BSUID) and no number.
	from: z.string().optional(),
	from_user_id: z.string().optional(),
	id: z.string(),
	type: z.string(),
	text: z.looseObject({ body: z.string() }).optional(),
	image: media.optional(),
	video: media.optional(),
	audio: media.optional(),
	document: media.optional(),
	sticker: media.optional(),
	button: z.looseObject({ text: z.string() }).optional(),
	interactive: z
		.looseObject({
			button_reply: z.looseObject({ title: z.string() }).optional(),
			list_reply: z.looseObject({ title: z.string() }).optional(),
		})
		.optional(),
});
export type MetaMessage = z.infer<typeof metaMessageSchema>;

export const metaPayloadSchema = z.looseObject({
	object: z.string().optional(),
	entry: z
		.array(
			z.looseObject({
				changes: z
					.array(
						z.looseObject({
							field: z.string().optional(),
							value: z.looseObject({
								metadata: z
									.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() })
									.optional(),
								contacts: z
									.array(
										z.looseObject({
											wa_id: z.string().optional(),
											user_id: z.string().optional(),
											profile: z.looseObject({ name: z.string().optional() }).optional(),
										}),
									)
									.optional(),
								messages: z.array(metaMessageSchema).optional(),
								statuses: z.array(z.looseObject({ id: z.string(), status: z.string() })).optional(),
							}),
						}),
					)
					.min(1),
			}),
		)
		.min(1),
});
export type MetaPayload = z.infer<typeof metaPayloadSchema>;

/** Reactions, disappearing-message notices and welcome requests never become messages. */
export const SKIPPED_TYPES = new Set(['reaction', 'ephemeral', 'request_welcome']);

const MEDIA_TYPES: Record<string, FileType> = {
	image: 'image',
	sticker: 'image',
	video: 'video',
	audio: 'audio',
	document: 'file',
};

export interface MappedMessage {
	content: string | null;
	contentAttributes: JsonObject;
	attachments: AttachmentInput[];
}

/**
 * Turns one Meta message into Chatwoot's content and attachments. Media would be downloaded from
 * Graph and stored in ActiveStorage; here the attachment points at a redirect URL on frontendUrl.
 */
export function mapMetaMessage(message: MetaMessage, frontendUrl: string): MappedMessage {
	const fileType = MEDIA_TYPES[message.type];
	const item = fileType
		? message[message.type as 'image' | 'video' | 'audio' | 'document' | 'sticker']
		: undefined;
	if (fileType && item) {
		const extension = item.mime_type?.split('/')[1]?.split(';')[0] ?? 'bin';
		const fileName = item.filename ?? `${item.id}.${extension}`;
		return {
			content: item.caption ?? null,
			contentAttributes: {},
			attachments: [
				{
					fileType,
					url: `${frontendUrl}/rails/active_storage/blobs/redirect/${item.id}/${fileName}`,
					fileName,
					contentType: item.mime_type,
				},
			],
		};
	}
	const text =
		message.text?.body ??
		message.button?.text ??
		message.interactive?.button_reply?.title ??
		message.interactive?.list_reply?.title;
	if (text !== undefined) return { content: text, contentAttributes: {}, attachments: [] };
	return { content: null, contentAttributes: { is_unsupported: true }, attachments: [] };
}
