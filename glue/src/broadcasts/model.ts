// What the sender consumes (a broadcast plan, from Directus through a BroadcastStore) and what it
// gives back (statuses and counts). zod schemas are the source of truth; types are inferred.
import { z } from 'zod/v4';
import type { TemplateComponent } from '../meta/index.ts';

/** A phone as E.164 digits without "+": the key of suppressions and deliveries. */
export function phoneDigits(phone: string): string {
	return phone.replace(/\D/g, '');
}

const phoneSchema = z
	.string()
	.transform(phoneDigits)
	.refine((digits) => /^\d{6,15}$/.test(digits), 'a phone number in E.164 (6 to 15 digits)');

const templateFormSchema = z.object({
	kind: z.literal('template'),
	name: z.string().min(1, 'the template name is required'),
	/** Meta's language code, e.g. "en_US", "es". */
	language: z.string().min(1, 'the template language is required'),
	/** Meta's components with this recipient's parameters filled in. */
	components: z
		.array(z.custom<TemplateComponent>((v) => typeof v === 'object' && v !== null))
		.optional(),
});

/** What one recipient gets: an approved template, or (inside their 24-h window) a free text. */
export const broadcastMessageSchema = z.discriminatedUnion('kind', [
	templateFormSchema,
	z.object({
		kind: z.literal('text'),
		body: z.string().min(1).max(4096),
		/** Sent instead when Meta answers 131047 (the customer's window closed meanwhile). */
		fallbackTemplate: templateFormSchema.optional(),
	}),
]);
export type BroadcastMessage = z.output<typeof broadcastMessageSchema>;
export type TemplateForm = z.output<typeof templateFormSchema>;

export const broadcastRecipientSchema = z.object({
	/** Directus's recipient id: one delivery per broadcast and recipient id. */
	recipientId: z.union([z.string().min(1), z.number().int()]).transform(String),
	phone: phoneSchema,
	message: broadcastMessageSchema,
});
export type BroadcastRecipient = z.output<typeof broadcastRecipientSchema>;

export const broadcastPlanSchema = z.object({
	broadcastId: z.union([z.string().min(1), z.number().int()]).transform(String),
	/** The department's WhatsApp phone-number id (Graph id, digits). */
	phoneNumberId: z.string().regex(/^\d+$/, 'a WhatsApp phone-number id (digits)'),
	scheduledAt: z.coerce.date(),
	recipients: z.array(broadcastRecipientSchema),
});
export type BroadcastPlan = z.output<typeof broadcastPlanSchema>;
export type BroadcastPlanInput = z.input<typeof broadcastPlanSchema>;

export const BROADCAST_RUN_STATUSES = [
	'processing',
	// Meta refused the access token: nothing more goes until staff resume it.
	'paused',
	'sent',
	'partially_failed',
	'failed',
	'cancelled',
	'missed',
] as const;
export type BroadcastRunStatus = (typeof BROADCAST_RUN_STATUSES)[number];

export const DELIVERY_STATES = [
	'queued',
	'sending',
	'sent',
	'delivered',
	'read',
	'failed',
	'skipped',
	'cancelled',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type DeliveryCounts = Record<DeliveryState, number> & { total: number };

/** A broadcast that cannot be sent as planned (its message says why, in staff's words): it fails. */
export class BroadcastPlanError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BroadcastPlanError';
	}
}

/**
 * Where broadcasts come from and where their outcome goes (H5's Directus collections). The sender
 * calls loadPlan when a broadcast's time comes, and reportStatus as it starts, while it sends, and
 * when it is done.
 */
export interface BroadcastStore {
	/** The plan, or null when the broadcast is no longer scheduled (cancelled, archived, deleted). */
	loadPlan(broadcastId: string): Promise<BroadcastPlanInput | null>;
	reportStatus(
		broadcastId: string,
		status: BroadcastRunStatus,
		counts: DeliveryCounts,
		reason?: string,
	): Promise<void>;
}

/** One element of a Meta webhook's `statuses[]`, with Meta's field names (reference/meta.md §2.9). */
export const deliveryStatusInputSchema = z.looseObject({
	/** The wamid. */
	id: z.string().min(1),
	status: z.string().min(1),
	/** Unix seconds, as Meta sends them (a string). */
	timestamp: z.union([z.string(), z.number()]).optional(),
	recipient_id: z.string().optional(),
	biz_opaque_callback_data: z.string().optional(),
	errors: z
		.array(
			z.looseObject({
				code: z.number(),
				title: z.string().optional(),
				message: z.string().optional(),
			}),
		)
		.optional(),
});
export type DeliveryStatusInput = z.input<typeof deliveryStatusInputSchema>;
