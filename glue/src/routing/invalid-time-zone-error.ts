import { RoutingError } from './routing-error.ts';

/** The business's time zone is not one the runtime's tz database knows. */
export class InvalidTimeZoneError extends RoutingError {
	override readonly code = 'ROUTING_INVALID_TIME_ZONE';
	readonly timeZone: string;

	constructor(timeZone: string, cause?: unknown) {
		super(`routing: "${timeZone}" is not an IANA time zone such as Europe/Madrid`, { cause });
		this.name = 'InvalidTimeZoneError';
		this.timeZone = timeZone;
	}
}
