/**
 * Base of the template errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class TemplateError extends Error {
	readonly code: string = 'TEMPLATE_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'TemplateError';
	}
}
