/** Base of the triage's typed errors: adapters map `code` and `status`, never the message. */
export class TriageError extends Error {
	readonly code: string = 'TRIAGE_ERROR';
	readonly status: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'TriageError';
	}
}
