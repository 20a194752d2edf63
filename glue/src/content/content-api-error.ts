import { RemoteError } from '../common/remote-error.ts';

export interface ContentApiErrorFields {
	/** What Directus answered. */
	remoteStatus: number;
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
export class ContentApiError extends RemoteError {
	readonly method: string;
	readonly path: string;
	readonly directusCode: string | null;
	readonly directusMessage: string;
	readonly hint: string | null;

	constructor(fields: ContentApiErrorFields, code = 'CONTENT_API_ERROR') {
		super(
			`Directus answered ${fields.remoteStatus}${fields.directusCode ? ` ${fields.directusCode}` : ''} to ${fields.method} ${fields.path}: ${fields.directusMessage}${fields.hint ? `. ${fields.hint}` : ''}`,
			{ vendor: 'directus', code, remoteStatus: fields.remoteStatus, cause: fields.cause },
		);
		this.name = 'ContentApiError';
		this.method = fields.method;
		this.path = fields.path;
		this.directusCode = fields.directusCode;
		this.directusMessage = fields.directusMessage;
		this.hint = fields.hint ?? null;
	}
}
