/** Base of the Meta client's typed errors: adapters branch on the class or `code`, not the message. */
export class MetaError extends Error {
	readonly code: string = 'META_ERROR';

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'MetaError';
	}
}
