/** A time zone the runtime's tz database does not know. */
export class InvalidTimeZoneError extends Error {
	readonly code = 'INVALID_TIME_ZONE';
	readonly httpStatus = 500;
	readonly timeZone: string;

	constructor(timeZone: string, cause?: unknown) {
		super(`"${timeZone}" is not an IANA time zone such as Europe/Madrid`, { cause });
		this.name = 'InvalidTimeZoneError';
		this.timeZone = timeZone;
	}
}
