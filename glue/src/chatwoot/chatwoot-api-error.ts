import { RemoteError } from '../common/remote-error.ts';

export interface ChatwootApiErrorFields {
	/** What Chatwoot answered. */
	remoteStatus: number;
	method: string;
	path: string;
	/** Chatwoot's own words: `error`, `message` or devise's `errors`, whichever the body carried. */
	chatwootMessage: string;
	/** The attributes a 422 validation failure names (`{message, attributes}` bodies). */
	attributes: string[];
	body: unknown;
	/** From Retry-After, when Chatwoot sent one. */
	retryAfterMs: number | null;
}

/**
 * 429 (rack-attack) and 502–504 (proxy, restart) mean Chatwoot did not act, so any request may be
 * repeated. A 500 may come after the write happened: the transport retries it for reads only.
 */
const NOT_ACTED_ON = new Set([429, 502, 503, 504]);

/** Chatwoot answered with an HTTP error. Subclasses name the statuses callers act on. */
export class ChatwootApiError extends RemoteError {
	readonly method: string;
	readonly path: string;
	readonly chatwootMessage: string;
	readonly attributes: string[];
	readonly body: unknown;
	readonly retryAfterMs: number | null;

	constructor(fields: ChatwootApiErrorFields, code = 'CHATWOOT_API_ERROR') {
		super(
			`Chatwoot answered ${fields.remoteStatus} to ${fields.method} ${fields.path}: ${fields.chatwootMessage}`,
			{
				vendor: 'chatwoot',
				code,
				remoteStatus: fields.remoteStatus,
				retryable: NOT_ACTED_ON.has(fields.remoteStatus),
			},
		);
		this.name = 'ChatwootApiError';
		this.method = fields.method;
		this.path = fields.path;
		this.chatwootMessage = fields.chatwootMessage;
		this.attributes = fields.attributes;
		this.body = fields.body;
		this.retryAfterMs = fields.retryAfterMs;
	}
}
