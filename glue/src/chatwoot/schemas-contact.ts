import { z } from 'zod/v4';

const jsonObject = z.record(z.string(), z.unknown());

export const contactInboxRefSchema = z.object({
	source_id: z.string(),
	inbox: z.object({
		id: z.number().int(),
		name: z.string(),
		channel_type: z.string(),
		provider: z.string().nullable().optional(),
	}),
});

export const contactSchema = z.object({
	id: z.number().int(),
	name: z.string().nullable(),
	email: z.string().nullable(),
	phone_number: z.string().nullable(),
	identifier: z.string().nullable(),
	blocked: z.boolean().optional(),
	custom_attributes: jsonObject,
	additional_attributes: jsonObject,
	created_at: z.number().nullable().optional(),
	last_activity_at: z.number().nullable().optional(),
	contact_inboxes: z.array(contactInboxRefSchema).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** contacts#show and #update answer `{payload: {contact}}`. */
export const contactPayloadSchema = z
	.object({ payload: z.object({ contact: contactSchema }) })
	.transform((body) => body.payload.contact);

/** meta.count is the size of this page, not a total; has_more says whether to ask for the next. */
export const contactSearchSchema = z.object({
	meta: z.object({
		count: z.number().int(),
		current_page: z.union([z.number(), z.string()]).transform(Number),
		has_more: z.boolean().optional(),
	}),
	payload: z.array(contactSchema),
});
export type ContactSearchResult = z.output<typeof contactSearchSchema>;

export const createdContactSchema = z
	.object({
		payload: z.object({
			contact: contactSchema,
			contact_inbox: z.object({
				inbox: z.object({ id: z.number().int(), name: z.string() }).nullable(),
				source_id: z.string().nullable(),
			}),
		}),
	})
	.transform((body) => body.payload);
export type CreatedContact = z.output<typeof createdContactSchema>;
