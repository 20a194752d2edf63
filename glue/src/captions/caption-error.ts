/**
 * Base of the captions' typed errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class CaptionError extends Error {
	readonly code: string = 'CAPTION_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'CaptionError';
	}
}
