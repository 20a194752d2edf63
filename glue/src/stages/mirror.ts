// The current stage, shown to agents as a contact custom attribute in Chatwoot's sidebar. The
// attribute is defined by chatwoot/config (list type, the stage names); agents change it there.
import type { Stage } from './lifecycle.ts';

/** The Chatwoot contact attribute key; chatwoot/config defines it with the same key. */
export const STAGE_ATTRIBUTE_KEY = 'stage';

/** The one Chatwoot call the mirror makes; glue's Chatwoot client fits (`client.contacts`). */
export interface StageMirrorContacts {
	update(
		contactId: number,
		input: { custom_attributes: Record<string, unknown> },
	): Promise<unknown>;
}

/**
 * Writes the stage to the contact's attribute (with a user's API token: an agent bot may not
 * update contacts). Chatwoot merges custom attributes, so the contact's other attributes stay.
 * Chatwoot then sends contact_updated, which the gateway recognises as this write (the value is
 * the log's current stage, or a move the log holds from us) and does not record again.
 */
export async function mirrorStage(
	contacts: StageMirrorContacts,
	contactId: number,
	stage: Stage,
): Promise<void> {
	await contacts.update(contactId, { custom_attributes: { [STAGE_ATTRIBUTE_KEY]: stage } });
}
