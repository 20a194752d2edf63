import { MetaError } from './meta-error.ts';

/** Meta answered 2xx with a body our schema does not accept (another version's shape, a proxy). */
export class MetaResponseError extends MetaError {
	override readonly code = 'META_UNEXPECTED_RESPONSE';
	readonly method: string;
	readonly path: string;
	readonly issues: string;
	readonly body: unknown;

	constructor(fields: { method: string; path: string; issues: string; body: unknown }) {
		super(
			`Meta's answer to ${fields.method} ${fields.path} has an unexpected shape:\n${fields.issues}`,
		);
		this.name = 'MetaResponseError';
		this.method = fields.method;
		this.path = fields.path;
		this.issues = fields.issues;
		this.body = fields.body;
	}
}
