/** Base of the router's typed errors: adapters map `code` and `status`, never the message. */
export class RoutingError extends Error {
	readonly code: string = 'ROUTING_ERROR';
	readonly status: number = 500;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'RoutingError';
	}
}
