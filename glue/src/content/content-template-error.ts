import { ContentError } from './content-error.ts';

/**
 * A message template cannot be rendered: it uses a variable the sender does not provide (a typo,
 * or one meant for another message), or one that has no value for this conversation.
 */
export class ContentTemplateError extends ContentError {
	override readonly code = 'CONTENT_TEMPLATE_INVALID';
	override readonly httpStatus = 502;
	readonly key: string;
	readonly language: string;
	/** Placeholders that are not variables of this message, e.g. `["team"]`. */
	readonly unknown: string[];
	/** Variables of this message that have no value here, e.g. `["opens_at"]`. */
	readonly missing: string[];

	constructor(fields: {
		key: string;
		language: string;
		unknown: string[];
		missing: string[];
		known: string[];
	}) {
		const list = (names: string[]) => names.map((name) => `{{${name}}}`).join(', ');
		const problem =
			fields.unknown.length > 0
				? `uses ${list(fields.unknown)}, which this message does not provide (it has ${list(fields.known) || 'no variables'}); fix it in Directus → Message templates`
				: `uses ${list(fields.missing)}, which has no value for this conversation`;
		super(`content: message template "${fields.key}" (${fields.language}) ${problem}`);
		this.name = 'ContentTemplateError';
		this.key = fields.key;
		this.language = fields.language;
		this.unknown = fields.unknown;
		this.missing = fields.missing;
	}
}
