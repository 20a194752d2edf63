// Choosing and filling a Directus message template. Placeholders are `{{name}}` (spaces inside the
// braces allowed); only the variables the sender passes are allowed, so a typo in the Studio is
// reported instead of reaching a customer as "{{contact_nmae}}".
import { ContentTemplateError } from './content-template-error.ts';
import type { MessageTemplate } from './schemas.ts';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The template for `key` in the customer's language ("es-MX"), else its primary language ("es"),
 * else English; null when none of those exists. Business info has no default-language setting, so
 * English is the last resort.
 */
export function pickTemplate(
	templates: readonly MessageTemplate[],
	key: string,
	language: string | null | undefined,
): MessageTemplate | null {
	const tag = language?.trim().toLowerCase().replace(/_/g, '-') ?? '';
	for (const candidate of new Set([tag, tag.split('-')[0], 'en'])) {
		const found = templates.find((t) => t.key === key && t.language === candidate);
		if (found) return found;
	}
	return null;
}

/**
 * The template's body with each `{{name}}` replaced by `values[name]`. Throws ContentTemplateError
 * naming every placeholder that is not a key of `values`, or else every one whose value is null.
 *
 * @example renderTemplate(template, { contact_name: 'Ana', opens_at: 'Monday at 09:00' })
 */
export function renderTemplate(
	template: MessageTemplate,
	values: Readonly<Record<string, string | null>>,
): string {
	const used = [...new Set(Array.from(template.body.matchAll(PLACEHOLDER), (match) => match[1]!))];
	const unknown = used.filter((name) => !Object.hasOwn(values, name));
	const missing = used.filter((name) => Object.hasOwn(values, name) && values[name] === null);
	if (unknown.length > 0 || missing.length > 0) {
		throw new ContentTemplateError({
			key: template.key,
			language: template.language,
			unknown,
			missing,
			known: Object.keys(values),
		});
	}
	return template.body.replace(PLACEHOLDER, (_match, name: string) => values[name]!);
}
