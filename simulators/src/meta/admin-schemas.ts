import { z } from 'zod/v4';

const digitsOf = (v: string) => v.replace(/\D/g, '');

/** POST /__sim/inbound: a customer writes to a business number (or Page / Instagram account). */
export const inboundSchema = z
	.object({
		channel: z.enum(['whatsapp', 'messenger', 'instagram']).default('whatsapp'),
		/** WhatsApp: the business number as displayed ("+1 555 078 3881" is fine) or its id. */
		to_number: z.string().min(1).optional(),
		phone_number_id: z.string().min(1).optional(),
		/** Messenger / Instagram: the Page or IG account written to (default: the first configured). */
		page_id: z.string().min(1).optional(),
		ig_id: z.string().min(1).optional(),
		/** The customer: a phone number for WhatsApp, a PSID / IGSID otherwise. */
		from: z.string().min(1).optional(),
		/** A username (BSUID) user, who may come without a phone number. */
		user_id: z.string().min(1).optional(),
		name: z.string().min(1).default('Sandbox Customer'),
		text: z.string().min(1).optional(),
		/** Any other message shape, e.g. `{ type: 'interactive', interactive: { … } }`; wins over text. */
		message: z.record(z.string(), z.unknown()).optional(),
	})
	.refine((b) => b.from !== undefined || (b.channel === 'whatsapp' && b.user_id !== undefined), {
		message: 'from is required (or user_id for a WhatsApp username user)',
		path: ['from'],
	})
	.refine((b) => b.text !== undefined || b.message !== undefined, {
		message: 'text or message is required',
		path: ['text'],
	})
	.transform((b) => ({
		...b,
		from: b.channel === 'whatsapp' && b.from ? digitsOf(b.from) : b.from,
	}));
export type InboundInput = z.output<typeof inboundSchema>;

export const verifyWebhookSchema = z.object({
	url: z.url().optional(),
	verify_token: z.string().min(1).optional(),
});

export const clockSchema = z.object({ advanceMs: z.number().int().min(0) });

export const manualStatusSchema = z.object({
	message_id: z.string().min(1),
	status: z.enum(['sent', 'delivered', 'read', 'failed']),
	/** For `failed`: 131047 (window closed) or 131026 (undeliverable). */
	error_code: z.union([z.literal(131047), z.literal(131026)]).optional(),
});

/** Admin-only switch beside the config keys of POST /__sim/config. */
export const configRequestSchema = z.looseObject({ skipVerification: z.boolean().default(false) });
