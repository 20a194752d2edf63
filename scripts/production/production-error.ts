/**
 * Base of the production scripts' typed errors: something the operator can fix. `message` is one line
 * saying what is wrong and what to do; the CLIs print it alone, without a stack trace.
 */
export class ProductionError extends Error {
	readonly code: string = 'PRODUCTION_ERROR';

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ProductionError';
	}
}
