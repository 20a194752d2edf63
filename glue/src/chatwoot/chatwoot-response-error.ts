/**
 * Chatwoot answered 2xx with a body our schema does not accept: usually a Chatwoot version whose
 * response shape differs from 4.15, or a proxy answering in Chatwoot's place.
 */
export class ChatwootResponseError extends Error {
	readonly code = 'CHATWOOT_UNEXPECTED_RESPONSE';
	readonly method: string;
	readonly path: string;
	readonly issues: string;
	readonly body: unknown;

	constructor(fields: { method: string; path: string; issues: string; body: unknown }) {
		super(
			`Chatwoot's answer to ${fields.method} ${fields.path} has an unexpected shape:\n${fields.issues}`,
		);
		this.name = 'ChatwootResponseError';
		this.method = fields.method;
		this.path = fields.path;
		this.issues = fields.issues;
		this.body = fields.body;
	}
}
