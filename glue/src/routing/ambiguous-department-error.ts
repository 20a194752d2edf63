import type { ReceivingChannel } from './receiving-channel.ts';
import { RoutingError } from './routing-error.ts';

/**
 * Two departments claim the same number, id or inbox. A configuration fault: picking either would
 * send one department's customers to the other without anyone noticing.
 */
export class AmbiguousDepartmentError extends RoutingError {
	override readonly code = 'ROUTING_AMBIGUOUS_DEPARTMENT';
	readonly by: ReceivingChannel['by'];
	readonly value: string;
	readonly departments: string[];

	constructor(fields: { by: ReceivingChannel['by']; value: string; departments: string[] }) {
		super(
			`routing: ${fields.by} "${fields.value}" belongs to several departments ` +
				`(${fields.departments.join(', ')}); each may belong to one only`,
		);
		this.name = 'AmbiguousDepartmentError';
		this.by = fields.by;
		this.value = fields.value;
		this.departments = fields.departments;
	}
}
