// Which template a customer gets: published only, in their language ("es-MX"), else its primary
// language ("es"), else English; on the channel asked for, and for a free-form channel any other
// free-form template in that language (the words fit all three; only the length limits differ).
import type { ChannelKind, Template } from './model.ts';

const FREE_FORM: readonly ChannelKind[] = ['whatsapp_session', 'messenger', 'instagram'];

/** Language tags to try, most specific first: "es_MX" → es-mx, es, en. */
export function languageCandidates(language: string | null | undefined): string[] {
	const tag = language?.trim().toLowerCase().replace(/_/g, '-') ?? '';
	return [...new Set([tag, tag.split('-')[0] ?? '', 'en'])].filter(Boolean);
}

/**
 * The template for `key`, or null when there is none. Records read before templates had a status
 * or channel (a snapshot kept while Directus was down) count as published WhatsApp session text.
 */
export function pickTemplate(
	templates: readonly Template[],
	key: string,
	language: string | null | undefined,
	options: { channel?: ChannelKind } = {},
): Template | null {
	const channel = options.channel ?? 'whatsapp_session';
	const channels = FREE_FORM.includes(channel)
		? [channel, ...FREE_FORM.filter((other) => other !== channel)]
		: [channel];
	const live = templates.filter((t) => t.key === key && (t.status ?? 'published') === 'published');
	for (const candidate of languageCandidates(language)) {
		for (const kind of channels) {
			const found = live.find(
				(t) => t.language === candidate && (t.channel ?? 'whatsapp_session') === kind,
			);
			if (found) return found;
		}
	}
	return null;
}
