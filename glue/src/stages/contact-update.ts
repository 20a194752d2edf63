// Chatwoot's contact_updated webhook (account webhooks only), read for a change of the stage
// attribute. `changed_attributes` lists every changed column as single-key objects; the custom
// attributes come as one hash with previous and current values (reference/chatwoot.md §2.3).
import { z } from 'zod/v4';
import { isStage, type Stage } from './lifecycle.ts';
import { STAGE_ATTRIBUTE_KEY } from './mirror.ts';

const hash = z.record(z.string(), z.unknown());

const contactUpdatedSchema = z.object({
	event: z.literal('contact_updated'),
	id: z.int().positive(),
	account: z.object({ id: z.int().positive() }).nullish(),
	custom_attributes: hash.nullish(),
	changed_attributes: z.array(hash).nullish(),
});

const valueChangeSchema = z.object({
	previous_value: hash.nullish(),
	current_value: hash.nullish(),
});

export interface StageAttributeChange {
	/** Null when the payload names no account (the gateway then uses CHATWOOT_ACCOUNT_ID). */
	accountId: number | null;
	contactId: number;
	/** What the attribute said before; null when it was empty or not a stage. */
	previous: Stage | null;
	/** The attribute's new value as sent (a stage name, or anything an API client wrote). */
	current: unknown;
}

/** Whether this is a contact_updated at all (whatever changed). */
export function isContactUpdated(payload: unknown): boolean {
	return (
		typeof payload === 'object' &&
		payload !== null &&
		(payload as { event?: unknown }).event === 'contact_updated'
	);
}

/**
 * The stage attribute's change in a contact_updated payload, or null when the update did not
 * touch it (a name, a phone number, another attribute) or is not a contact_updated.
 */
export function readStageChange(payload: unknown): StageAttributeChange | null {
	const parsed = contactUpdatedSchema.safeParse(payload);
	if (!parsed.success) return null;
	const contact = parsed.data;
	const change = (contact.changed_attributes ?? [])
		.map((entry) => valueChangeSchema.safeParse(entry.custom_attributes))
		.find((entry) => entry.success)?.data;
	if (!change) return null;
	const before = change.previous_value?.[STAGE_ATTRIBUTE_KEY] ?? null;
	const after = change.current_value?.[STAGE_ATTRIBUTE_KEY] ?? null;
	if (before === after) return null;
	return {
		accountId: contact.account?.id ?? null,
		contactId: contact.id,
		previous: isStage(before) ? before : null,
		current: after,
	};
}
