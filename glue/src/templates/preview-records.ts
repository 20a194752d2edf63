// A Studio preview (helper D, issue #15): a message_templates record rendered from the Directus
// records at hand (business info, a department, a contact), with the variables' samples wherever
// they leave a value out. Used by the Directus endpoint behind the "Preview" link.
import { toBusinessInfo, toDepartment, type DirectusRecord } from '../content/records.ts';
import type { BusinessInfo, Department } from '../content/schemas.ts';
import { templateFromRecord } from './record.ts';
import { previewMessage, type RenderedMessage } from './render.ts';
import type { ContactFacts } from './variables.ts';

export interface PreviewRecords {
	/** The message_templates record. */
	template: DirectusRecord;
	/** The business_info singleton, when there is one. */
	business?: DirectusRecord | null;
	/** The departments record the message is about (e.g. the contact's lead's department). */
	department?: DirectusRecord | null;
	/** A chosen contact; without one the contact variables show their samples. */
	contact?: ContactFacts | null;
	/** Default: the contact's language, else the template's. */
	locale?: string;
	now?: Date;
}

export interface TemplatePreview {
	rendered: RenderedMessage;
	/** Whose values went in: 'contact' when one was given, else 'samples'. */
	filledFrom: 'contact' | 'samples';
}

export function previewTemplateRecords(records: PreviewRecords): TemplatePreview {
	const template = templateFromRecord(records.template);
	const business: BusinessInfo | null = records.business ? toBusinessInfo(records.business) : null;
	const department: Department | null = records.department
		? toDepartment(records.department)
		: null;
	const contact = records.contact ?? null;
	const rendered = previewMessage(template, {
		locale: records.locale ?? contact?.language ?? undefined,
		now: records.now,
		context: {
			...(business ? { business } : {}),
			...(department ? { department } : {}),
			...(contact ? { contact } : {}),
		},
	});
	return { rendered, filledFrom: contact ? 'contact' : 'samples' };
}
