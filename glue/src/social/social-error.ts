/** Base of the auto-poster's typed errors: adapters map `code` and `status`, never the message. */
export class SocialError extends Error {
	readonly code: string = 'SOCIAL_ERROR';
	readonly status: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'SocialError';
	}
}
