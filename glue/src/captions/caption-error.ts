/** Base of the captions' typed errors: adapters map `code` and `status`, never the message. */
export class CaptionError extends Error {
	readonly code: string = 'CAPTION_ERROR';
	readonly status: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'CaptionError';
	}
}
