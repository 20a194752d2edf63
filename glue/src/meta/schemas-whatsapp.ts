// The WhatsApp send answer (reference/meta.md §3.4): accepted, which is not delivered.
import { z } from 'zod/v4';

export const sendResponseSchema = z.looseObject({
	messaging_product: z.literal('whatsapp'),
	contacts: z
		.array(
			z.looseObject({
				input: z.string(),
				wa_id: z.string().optional(),
				user_id: z.string().optional(),
			}),
		)
		.optional(),
	messages: z
		.array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional() }))
		.min(1),
});
