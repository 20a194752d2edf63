// Workflow 03's write: a lead per conversation, recorded on its first customer message. The unique
// conversation id (directus/schema) makes a second attempt a no-op, so the Automation token needs no
// read access to leads (customer data it has no other use for).
// While Directus is down a lead is not dropped: it waits in sb_pending_leads (the outbox) and is
// written by a later call once Directus answers; the unique conversation id keeps it written once.
import { createItem } from '@directus/sdk';
import { z } from 'zod/v4';
import { ContentApiError } from './content-api-error.ts';
import { connectDirectus, type DirectusApi, type DirectusConnection } from './directus-client.ts';
import { ContentInputError } from './content-input-error.ts';
import type { ContentDb } from './content-db.ts';
import { directusDownReason } from './directus-down.ts';

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
	/** False when the conversation already had its lead, or when it was queued. */
	created: boolean;
	id: number | null;
	/** True when Directus was down and the lead waits in the outbox to be written later. */
	queued?: boolean;
}

export interface LeadOutboxOptions {
	/** The log store's pool (sb_pending_leads); without it a lead Directus cannot take is an error. */
	outbox?: ContentDb;
}

export interface FlushResult {
	/** Pending leads now in Directus (or found there already). */
	written: number;
	/** Still waiting: Directus is down. */
	pending: number;
}

type LeadsSchema = { leads: Array<Record<string, unknown> & { id: number }> };

type Lead = z.output<typeof leadInputSchema>;
type Target = DirectusConnection | DirectusApi<LeadsSchema>;

const apiFor = (target: Target) =>
	'request' in target ? target : connectDirectus<LeadsSchema>(target);

/**
 * Creates the conversation's lead. With an `outbox`, first writes the leads waiting there, and when
 * Directus is down (unreachable, 5xx) queues this one instead of failing (`queued: true`).
 */
export async function recordLead(
	target: Target,
	input: LeadInput,
	options: LeadOutboxOptions = {},
): Promise<LeadResult> {
	const parsed = leadInputSchema.safeParse(input);
	if (!parsed.success) {
		throw new ContentInputError(`recordLead: ${z.prettifyError(parsed.error)}`);
	}
	const lead = parsed.data;
	const api = apiFor(target);
	const { outbox } = options;
	if (!outbox) return await createLead(api, lead);
	const flushed = await flushPendingLeads(api, outbox);
	if (flushed.pending === 0 || !(await isPending(outbox, api.url, lead.conversationId))) {
		try {
			return await createLead(api, lead);
		} catch (error) {
			const reason = directusDownReason(error);
			if (reason === null) throw error;
			await queueLead(outbox, api.url, lead, reason);
			return { created: false, id: null, queued: true };
		}
	}
	// Directus is down (the flush just failed) and this lead is already waiting.
	return { created: false, id: null, queued: true };
}

/**
 * Writes the leads waiting in the outbox for this Directus, oldest first; stops at the first sign
 * that Directus is still down. A lead Directus already has counts as written.
 */
export async function flushPendingLeads(target: Target, outbox: ContentDb): Promise<FlushResult> {
	const api = apiFor(target);
	const { rows } = await outbox.query(
		`select lead from sb_pending_leads where directus_url = $1
		order by queued_at, chatwoot_conversation_id`,
		[api.url],
	);
	if (rows.length === 0) return { written: 0, pending: 0 };
	let written = 0;
	for (const [index, row] of (rows as Array<{ lead: Lead }>).entries()) {
		const lead = leadInputSchema.parse(row.lead);
		try {
			await createLead(api, lead);
		} catch (error) {
			const reason = directusDownReason(error);
			// Any other failure (a lead Directus refuses) is kept too, for an operator to see.
			await outbox.query(
				`update sb_pending_leads set attempts = attempts + 1, last_attempt_at = now(),
					last_error = $3 where directus_url = $1 and chatwoot_conversation_id = $2`,
				[api.url, lead.conversationId, reason ?? (error as Error).message.slice(0, 300)],
			);
			if (reason !== null) return { written, pending: rows.length - index };
			continue;
		}
		await outbox.query(
			'delete from sb_pending_leads where directus_url = $1 and chatwoot_conversation_id = $2',
			[api.url, lead.conversationId],
		);
		written += 1;
	}
	const left = await outbox.query(
		'select count(*)::int as pending from sb_pending_leads where directus_url = $1',
		[api.url],
	);
	return { written, pending: (left.rows[0] as { pending: number }).pending };
}

async function isPending(outbox: ContentDb, url: string, conversationId: number) {
	const { rows } = await outbox.query(
		'select 1 from sb_pending_leads where directus_url = $1 and chatwoot_conversation_id = $2',
		[url, conversationId],
	);
	return rows.length > 0;
}

// The first lead queued for a conversation wins, as in Directus.
async function queueLead(outbox: ContentDb, url: string, lead: Lead, reason: string) {
	await outbox.query(
		`insert into sb_pending_leads (directus_url, chatwoot_conversation_id, lead, attempts,
			last_attempt_at, last_error)
		values ($1, $2, $3::jsonb, 1, now(), $4)
		on conflict (directus_url, chatwoot_conversation_id) do nothing`,
		[url, lead.conversationId, JSON.stringify(lead), reason],
	);
}

async function createLead(api: DirectusApi<LeadsSchema>, lead: Lead): Promise<LeadResult> {
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
