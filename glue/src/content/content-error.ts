/**
 * Base of the content errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class ContentError extends Error {
	readonly code: string = 'CONTENT_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ContentError';
	}
}
