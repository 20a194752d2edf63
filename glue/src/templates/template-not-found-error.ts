import { TemplateError } from './template-error.ts';

/** No published template for a key in the customer's language, its primary language or English. */
export class TemplateNotFoundError extends TemplateError {
	override readonly code = 'TEMPLATE_NOT_FOUND';
	override readonly httpStatus = 404;
	readonly key: string;
	readonly language: string | null;

	constructor(fields: { key: string; language: string | null }) {
		super(
			`templates: Directus has no published message template "${fields.key}" in ` +
				`${fields.language ? `"${fields.language}" or ` : ''}English`,
		);
		this.name = 'TemplateNotFoundError';
		this.key = fields.key;
		this.language = fields.language;
	}
}
