// The booking chat's sentences, from Directus message templates in the customer's language.
import type { BusinessInfo, ContentReader } from '../content/index.ts';
import { renderMessage, TemplateNotFoundError } from '../templates/index.ts';
import type { RenderRequest } from './turn.ts';

export interface RenderContact {
	name: string | null;
	phone: string | null;
}

export function templateRenderer(
	reader: Pick<ContentReader, 'messageTemplate'>,
	business: BusinessInfo,
	contact: RenderContact,
	now: () => Date = () => new Date(),
): (request: RenderRequest) => Promise<string> {
	return async (request) => {
		const template = await reader.messageTemplate(request.key, request.language);
		if (!template)
			throw new TemplateNotFoundError({ key: request.key, language: request.language });
		return renderMessage(template, {
			locale: request.language,
			timeZone: request.timeZone,
			now: now(),
			contact: { ...contact, language: request.language },
			business,
			appointment: request.appointment,
		}).text;
	};
}
