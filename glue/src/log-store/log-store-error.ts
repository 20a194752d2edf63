/**
 * Base of the log store's typed errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class LogStoreError extends Error {
	readonly code: string = 'LOG_STORE_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'LogStoreError';
	}
}
