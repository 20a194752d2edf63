import { TemplateError } from './template-error.ts';

/**
 * Variables of a template have no value for this contact or conversation, and the template gives
 * them no fallback text: nothing is sent rather than "Hi ,".
 */
export class TemplateVariableMissingError extends TemplateError {
	override readonly code = 'TEMPLATE_VARIABLE_MISSING';
	override readonly httpStatus = 422;
	readonly key: string;
	readonly language: string;
	/** e.g. ["contact.first_name"] */
	readonly variables: string[];

	constructor(fields: { key: string; language: string; variables: string[] }) {
		const list = fields.variables.map((name) => `{{${name}}}`).join(', ');
		super(
			`templates: message template "${fields.key}" (${fields.language}) needs ${list}, which ` +
				'has no value here and no fallback text; give it a fallback in Directus → Message templates',
		);
		this.name = 'TemplateVariableMissingError';
		this.key = fields.key;
		this.language = fields.language;
		this.variables = fields.variables;
	}
}
