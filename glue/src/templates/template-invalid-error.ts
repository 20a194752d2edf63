import { TemplateError } from './template-error.ts';

/** A template cannot be used as written (unknown variable, unbalanced braces, too long…). */
export class TemplateInvalidError extends TemplateError {
	override readonly code = 'TEMPLATE_INVALID';
	override readonly httpStatus = 422;
	readonly key: string | null;
	/** Each problem in words for the person who wrote the template. */
	readonly problems: string[];

	constructor(fields: { key: string | null; language?: string | null; problems: string[] }) {
		const which = fields.key
			? `message template "${fields.key}"${fields.language ? ` (${fields.language})` : ''}`
			: 'message template';
		super(`templates: ${which} cannot be used: ${fields.problems.join(' ')}`);
		this.name = 'TemplateInvalidError';
		this.key = fields.key;
		this.problems = fields.problems;
	}
}
