/**
 * Base of the stages' typed errors: adapters map `code` and `httpStatus` (the status to answer
 * with), never the message.
 */
export class StageError extends Error {
	readonly code: string = 'STAGE_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StageError';
	}
}
