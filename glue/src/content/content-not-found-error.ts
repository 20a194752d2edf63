import { ContentError } from './content-error.ts';

/** What was asked for is not in Directus: an unknown department key, an empty business info. */
export class ContentNotFoundError extends ContentError {
	override readonly code = 'CONTENT_NOT_FOUND';
	override readonly httpStatus = 404;
	readonly entity: string;
	readonly key: string;

	constructor(fields: { entity: string; key: string; hint?: string }) {
		super(
			`content: no ${fields.entity} ${fields.key} in Directus${fields.hint ? ` (${fields.hint})` : ''}`,
		);
		this.name = 'ContentNotFoundError';
		this.entity = fields.entity;
		this.key = fields.key;
	}
}
