import type { TemplatePreview } from '@switchboard/glue/templates';

/** What the endpoint answers (JSON `data`, or the page built from it). */
export interface PreviewAnswer {
	key: string;
	language: string;
	channel: string;
	subject: string | null;
	text: string;
	whatsapp: { name: string; languageCode: string; components: unknown[] } | null;
	usedFallbacks: string[];
	filledFrom: 'contact' | 'samples';
}

export function previewAnswer(preview: TemplatePreview): PreviewAnswer {
	const { rendered } = preview;
	return {
		key: rendered.key,
		language: rendered.language,
		channel: rendered.channel,
		subject: rendered.subject,
		text: rendered.text,
		whatsapp: rendered.whatsapp,
		usedFallbacks: rendered.usedFallbacks,
		filledFrom: preview.filledFrom,
	};
}
