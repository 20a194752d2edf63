/**
 * Base of the auto-poster's typed errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class SocialError extends Error {
	readonly code: string = 'SOCIAL_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'SocialError';
	}
}
