import { ContentError } from './content-error.ts';

export interface ContentIssue {
	/** Dotted path into the record, e.g. `opening_hours.mon.0.close`. */
	field: string;
	message: string;
}

/** Directus answered, but a record does not fit the content contract (e.g. malformed opening hours). */
export class ContentResponseError extends ContentError {
	override readonly code = 'CONTENT_INVALID';
	override readonly httpStatus = 502;
	readonly collection: string;
	readonly recordId: string | null;
	readonly issues: ContentIssue[];

	constructor(fields: { collection: string; recordId: string | null; issues: ContentIssue[] }) {
		const list = fields.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		const record = fields.recordId === null ? '' : ` ${fields.recordId}`;
		super(
			`content: ${fields.collection}${record} in Directus is invalid (${list}); fix it in Directus`,
		);
		this.name = 'ContentResponseError';
		this.collection = fields.collection;
		this.recordId = fields.recordId;
		this.issues = fields.issues;
	}
}
