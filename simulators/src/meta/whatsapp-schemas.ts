import { z } from 'zod/v4';

// Send bodies as reference/meta.md §3 gives them; limits from §3.1–3.3.

const media = z
	.looseObject({
		id: z.string().optional(),
		link: z.url().optional(),
		caption: z.string().max(1024).optional(),
	})
	.refine((m) => m.id !== undefined || m.link !== undefined, 'either id or link is required');

const footer = z.object({ text: z.string().min(1).max(60) });

const buttonMessage = z.looseObject({
	type: z.literal('button'),
	header: z.looseObject({ type: z.string() }).optional(),
	body: z.object({ text: z.string().min(1).max(1024) }),
	footer: footer.optional(),
	action: z.object({
		buttons: z
			.array(
				z.object({
					type: z.literal('reply'),
					reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
				}),
			)
			.min(1)
			.max(3)
			.refine(
				(b) => new Set(b.map((x) => x.reply.title)).size === b.length,
				'button titles must be unique',
			),
	}),
});

const listMessage = z.looseObject({
	type: z.literal('list'),
	header: z.object({ type: z.literal('text'), text: z.string().min(1).max(60) }).optional(),
	body: z.object({ text: z.string().min(1).max(4096) }),
	footer: footer.optional(),
	action: z.object({
		button: z.string().min(1).max(20),
		sections: z
			.array(
				z.object({
					title: z.string().max(24).optional(),
					rows: z
						.array(
							z.object({
								id: z.string().min(1).max(200),
								title: z.string().min(1).max(24),
								description: z.string().max(72).optional(),
							}),
						)
						.min(1),
				}),
			)
			.min(1)
			.max(10)
			.refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, 'a list has at most 10 rows'),
	}),
});

const otherInteractive = z.looseObject({
	type: z.enum([
		'cta_url',
		'flow',
		'product',
		'product_list',
		'catalog_message',
		'location_request_message',
		'address_message',
		'call_permission_request',
	]),
});

const base = {
	messaging_product: z.literal('whatsapp'),
	recipient_type: z.enum(['individual', 'group']).default('individual'),
	to: z.string().min(1),
	context: z.object({ message_id: z.string().min(1) }).optional(),
	biz_opaque_callback_data: z.string().max(512).optional(),
};

export const templateSendSchema = z.object({
	name: z.string().min(1),
	language: z.object({ code: z.string().min(1), policy: z.string().optional() }),
	components: z
		.array(
			z.looseObject({
				type: z.string().min(1),
				parameters: z.array(z.looseObject({ type: z.string().min(1) })).optional(),
			}),
		)
		.optional(),
});

const sendSchema = z.discriminatedUnion('type', [
	z.object({
		...base,
		type: z.literal('text'),
		text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
	}),
	z.object({ ...base, type: z.literal('template'), template: templateSendSchema }),
	z.object({
		...base,
		type: z.literal('interactive'),
		interactive: z.discriminatedUnion('type', [buttonMessage, listMessage, otherInteractive]),
	}),
	z.object({ ...base, type: z.literal('image'), image: media }),
	z.object({ ...base, type: z.literal('audio'), audio: media }),
	z.object({ ...base, type: z.literal('video'), video: media }),
	z.object({ ...base, type: z.literal('document'), document: media }),
	z.object({ ...base, type: z.literal('sticker'), sticker: media }),
	z.object({
		...base,
		type: z.literal('reaction'),
		reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }),
	}),
	z.object({
		...base,
		type: z.literal('location'),
		location: z.looseObject({ latitude: z.coerce.number(), longitude: z.coerce.number() }),
	}),
	z.object({ ...base, type: z.literal('contacts'), contacts: z.array(z.looseObject({})).min(1) }),
]);

/**
 * `type` defaults to text, and a username (BSUID) recipient may come as `recipient` instead of `to`
 * (`to` wins when both are given).
 */
export const whatsappSendSchema = z.preprocess((input) => {
	if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
	const body = { ...(input as Record<string, unknown>) };
	if (body.type === undefined) body.type = 'text';
	if (body.to === undefined && typeof body.recipient === 'string') body.to = body.recipient;
	return body;
}, sendSchema);
export type WhatsAppSend = z.output<typeof sendSchema>;
export type TemplateSend = z.output<typeof templateSendSchema>;

/** Mark an inbound message as read (optionally with a typing indicator): `{ success: true }`. */
export const markReadSchema = z.object({
	messaging_product: z.literal('whatsapp'),
	status: z.literal('read'),
	message_id: z.string().min(1),
	typing_indicator: z.object({ type: z.literal('text') }).optional(),
});
