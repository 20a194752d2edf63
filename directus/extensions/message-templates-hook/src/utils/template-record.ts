/** A message_templates payload or saved record, with Directus's field names. */
export type TemplateRecord = Record<string, unknown>;

/** What Directus fills in when a create leaves them out (directus/schema/snapshot.json). */
export const CREATE_DEFAULTS: TemplateRecord = {
	language: 'en',
	channel: 'whatsapp_session',
	status: 'published',
};

/** The approved template a whatsapp_template record names, as D's collection keys it. */
export function approvedTemplateId(record: TemplateRecord): string | null {
	if (record.channel !== 'whatsapp_template') return null;
	const name =
		typeof record.whatsapp_template_name === 'string' ? record.whatsapp_template_name : '';
	const code =
		typeof record.whatsapp_language_code === 'string' ? record.whatsapp_language_code : '';
	return name.trim() && code.trim() ? `${name.trim()}:${code.trim()}` : null;
}

/** One reason for Directus's error, naming the record when it is an edit of a saved one. */
export function problemsReason(problems: readonly string[], id?: string): string {
	const which = id ? `Message template ${id}: ` : '';
	return `${which}${problems.join(' ')}`;
}
