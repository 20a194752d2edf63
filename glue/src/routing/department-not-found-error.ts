import type { ReceivingChannel } from './receiving-channel.ts';
import { RoutingError } from './routing-error.ts';

/** One value the departments do receive on, and whose it is (for the error message). */
export interface KnownReceiver {
	value: string;
	department: string;
}

/** No department receives on the number, phone-number id or inbox a message came in on. */
export class DepartmentNotFoundError extends RoutingError {
	override readonly code = 'ROUTING_DEPARTMENT_NOT_FOUND';
	override readonly httpStatus = 404;
	readonly by: ReceivingChannel['by'];
	/** The value as looked up, after normalisation. */
	readonly value: string;
	readonly known: KnownReceiver[];

	constructor(fields: { by: ReceivingChannel['by']; value: string; known: KnownReceiver[] }) {
		const known = fields.known.length
			? fields.known.map((k) => `${k.value} (${k.department})`).join(', ')
			: 'none configured';
		super(`routing: no department receives on ${fields.by} "${fields.value}"; known: ${known}`);
		this.name = 'DepartmentNotFoundError';
		this.by = fields.by;
		this.value = fields.value;
		this.known = fields.known;
	}
}
