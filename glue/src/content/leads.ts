// Workflow 03's write: a lead per conversation, recorded on its first customer message. The unique
// conversation id (directus/schema) makes a second attempt a no-op, so the Automation token needs no
// read access to leads (customer data it has no other use for).
import { createItem } from '@directus/sdk';
import { z } from 'zod/v4';
import { ContentApiError } from './content-api-error.ts';
import { connectDirectus, type DirectusApi, type DirectusConnection } from './directus-client.ts';
import { ContentInputError } from './content-input-error.ts';

export const leadInputSchema = z.object({
	conversationId: z.int().positive(),
	department: z.string().trim().min(1),
	receivingNumber: z.string().trim().min(1).nullable().default(null),
	contactName: z.string().trim().min(1).nullable().default(null),
	contactPhone: z.string().trim().min(1).nullable().default(null),
	firstMessage: z.string().nullable().default(null),
	/** Meta's referral (click-to-WhatsApp ad or post), when there is one; {} means none too. */
	referral: z
		.record(z.string(), z.unknown())
		.nullable()
		.default(null)
		.transform((referral) => (referral && Object.keys(referral).length > 0 ? referral : null)),
});
export type LeadInput = z.input<typeof leadInputSchema>;

export interface LeadResult {
	/** False when the conversation already had its lead. */
	created: boolean;
	id: number | null;
}

type LeadsSchema = { leads: Array<Record<string, unknown> & { id: number }> };

export async function recordLead(
	target: DirectusConnection | DirectusApi<LeadsSchema>,
	input: LeadInput,
): Promise<LeadResult> {
	const parsed = leadInputSchema.safeParse(input);
	if (!parsed.success) {
		throw new ContentInputError(`recordLead: ${z.prettifyError(parsed.error)}`);
	}
	const lead = parsed.data;
	const api = 'request' in target ? target : connectDirectus<LeadsSchema>(target);
	try {
		const created = await api.request(
			createItem('leads', {
				chatwoot_conversation_id: lead.conversationId,
				department: lead.department,
				receiving_number: lead.receivingNumber,
				contact_name: lead.contactName,
				contact_phone: lead.contactPhone,
				first_message: lead.firstMessage,
				referral: lead.referral,
			}),
			'leads',
		);
		return { created: true, id: (created as { id?: number } | null)?.id ?? null };
	} catch (error) {
		if (error instanceof ContentApiError && error.directusCode === 'RECORD_NOT_UNIQUE') {
			return { created: false, id: null };
		}
		throw error;
	}
}
