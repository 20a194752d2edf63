export interface ChatwootApiErrorFields {
	status: number;
	method: string;
	path: string;
	/** Chatwoot's own words: `error`, `message` or devise's `errors`, whichever the body carried. */
	chatwootMessage: string;
	/** The attributes a 422 validation failure names (`{message, attributes}` bodies). */
	attributes: string[];
	body: unknown;
}

/** Chatwoot answered with an HTTP error. Subclasses name the statuses callers act on. */
export class ChatwootApiError extends Error {
	readonly code: string = 'CHATWOOT_API_ERROR';
	readonly status: number;
	readonly method: string;
	readonly path: string;
	readonly chatwootMessage: string;
	readonly attributes: string[];
	readonly body: unknown;

	constructor(fields: ChatwootApiErrorFields) {
		super(
			`Chatwoot answered ${fields.status} to ${fields.method} ${fields.path}: ${fields.chatwootMessage}`,
		);
		this.name = 'ChatwootApiError';
		this.status = fields.status;
		this.method = fields.method;
		this.path = fields.path;
		this.chatwootMessage = fields.chatwootMessage;
		this.attributes = fields.attributes;
		this.body = fields.body;
	}
}
