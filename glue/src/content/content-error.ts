/** Base of the content errors: adapters map `code` and `status`, never the message. */
export class ContentError extends Error {
	readonly code: string = 'CONTENT_ERROR';
	readonly status: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ContentError';
	}
}
