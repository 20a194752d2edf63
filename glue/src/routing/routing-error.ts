/**
 * Base of the router's typed errors:
 * adapters map `code` and `httpStatus` (the status to answer with), never the message.
 */
export class RoutingError extends Error {
	readonly code: string = 'ROUTING_ERROR';
	readonly httpStatus: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'RoutingError';
	}
}
