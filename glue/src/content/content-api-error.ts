import { ContentError } from './content-error.ts';

export interface ContentApiErrorFields {
	/** Directus's HTTP status. */
	httpStatus: number;
	method: string;
	path: string;
	/** Directus's `errors[0].extensions.code`, e.g. FORBIDDEN, FAILED_VALIDATION. */
	directusCode: string | null;
	directusMessage: string;
	/** What to do about it, when we know. */
	hint?: string;
	cause?: unknown;
}

/** Directus answered with an HTTP error. Subclasses name the ones callers act on. */
export class ContentApiError extends ContentError {
	override readonly code: string = 'CONTENT_API_ERROR';
	override readonly status: number;
	readonly httpStatus: number;
	readonly method: string;
	readonly path: string;
	readonly directusCode: string | null;
	readonly directusMessage: string;
	readonly hint: string | null;

	constructor(fields: ContentApiErrorFields) {
		super(
			`Directus answered ${fields.httpStatus}${fields.directusCode ? ` ${fields.directusCode}` : ''} to ${fields.method} ${fields.path}: ${fields.directusMessage}${fields.hint ? `. ${fields.hint}` : ''}`,
			{ cause: fields.cause },
		);
		this.name = 'ContentApiError';
		this.status = fields.httpStatus >= 500 ? 502 : fields.httpStatus;
		this.httpStatus = fields.httpStatus;
		this.method = fields.method;
		this.path = fields.path;
		this.directusCode = fields.directusCode;
		this.directusMessage = fields.directusMessage;
		this.hint = fields.hint ?? null;
	}
}
