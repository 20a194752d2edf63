// A WhatsApp status webhook (reference/meta.md §2.9) as the broadcast sender reads it: which
// message, how far it got, and why it failed.
import { z } from 'zod/v4';

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number];

/** Meta's error on a failed status: branch on `code` (131047, 131049, 131050, 131026…). */
export const whatsAppStatusErrorSchema = z.object({
	code: z.number().int(),
	title: z.string().nullable(),
	message: z.string().nullable(),
	details: z.string().nullable(),
});
export type WhatsAppStatusError = z.infer<typeof whatsAppStatusErrorSchema>;

export const whatsAppStatusUpdateSchema = z.object({
	/** The wamid the send response gave. */
	wamid: z.string().min(1),
	status: z.enum(WHATSAPP_STATUSES),
	/** When Meta saw it happen (its Unix-seconds string, read as an instant). */
	timestamp: z.date(),
	/** recipient_id, or the BSUID when Meta omitted the number (§2.11); null when neither came. */
	recipient: z.string().nullable(),
	/** The business number's phone_number_id it was sent from. */
	phoneNumberId: z.string(),
	errors: z.array(whatsAppStatusErrorSchema),
	pricing: z
		.object({
			billable: z.boolean().nullable(),
			pricingModel: z.string().nullable(),
			type: z.string().nullable(),
			category: z.string().nullable(),
		})
		.nullable(),
	/** biz_opaque_callback_data, when the send set it. */
	callbackData: z.string().nullable(),
});
export type WhatsAppStatusUpdate = z.infer<typeof whatsAppStatusUpdateSchema>;

/**
 * What the gateway hands each batch of stored status updates to (the broadcast sender's
 * applyDeliveryStatuses). It must be idempotent: an update may come again after a crash, and
 * statuses arrive duplicated and out of order. A rejection leaves the batch for the next run.
 */
export type DeliveryStatusHook = (updates: WhatsAppStatusUpdate[]) => Promise<unknown>;

const str = z.string().nullable().catch(null);
const rawStatusSchema = z.looseObject({
	id: z.string().min(1),
	status: z.string(),
	timestamp: z.union([z.string(), z.number()]).optional(),
	recipient_id: z.string().optional(),
	recipient_user_id: z.string().optional(),
	biz_opaque_callback_data: z.string().optional(),
	errors: z
		.array(
			z.looseObject({
				code: z.number().int(),
				title: str.optional(),
				message: str.optional(),
				error_data: z.looseObject({ details: str.optional() }).nullable().catch(null).optional(),
			}),
		)
		.catch([])
		.optional(),
	pricing: z
		.looseObject({
			billable: z.boolean().nullable().catch(null).optional(),
			pricing_model: str.optional(),
			type: str.optional(),
			category: str.optional(),
		})
		.nullable()
		.catch(null)
		.optional(),
});

export type StatusReading =
	| { ok: true; update: WhatsAppStatusUpdate }
	| { ok: false; reason: 'no_id' | 'unknown_status' };

/** One element of `value.statuses`; `receivedAt` stands in for a missing or unreadable timestamp. */
export function readWhatsAppStatus(
	raw: unknown,
	phoneNumberId: string,
	receivedAt: Date,
): StatusReading {
	const parsed = rawStatusSchema.safeParse(raw);
	if (!parsed.success) return { ok: false, reason: 'no_id' };
	const s = parsed.data;
	const status = WHATSAPP_STATUSES.find((known) => known === s.status);
	if (!status) return { ok: false, reason: 'unknown_status' };
	const seconds = Number(s.timestamp);
	return {
		ok: true,
		update: {
			wamid: s.id,
			status,
			timestamp: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : receivedAt,
			recipient: s.recipient_id ?? s.recipient_user_id ?? null,
			phoneNumberId,
			errors: (s.errors ?? []).map((e) => ({
				code: e.code,
				title: e.title ?? null,
				message: e.message ?? null,
				details: e.error_data?.details ?? null,
			})),
			pricing: s.pricing
				? {
						billable: s.pricing.billable ?? null,
						pricingModel: s.pricing.pricing_model ?? null,
						type: s.pricing.type ?? null,
						category: s.pricing.category ?? null,
					}
				: null,
			callbackData: s.biz_opaque_callback_data ?? null,
		},
	};
}
