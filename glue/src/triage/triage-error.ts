/**
 * Base of the triage's typed errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class TriageError extends Error {
	readonly code: string = 'TRIAGE_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'TriageError';
	}
}
