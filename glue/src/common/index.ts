// Infrastructure every module needs, written once: retry policy, transport-failure wording, the
// remote-error base, zoned time, header names, urgencies, HMAC and the Claude client.
// Imported as @switchboard/glue/common.

export {
	delayFor,
	parseRetryAfter,
	retriesLeft,
	withRetry,
	type RetryOptions,
	type RetryPolicy,
} from './retry.ts';

export { N8N_PERMANENT_REFUSALS, n8nUnreachableText } from './n8n-webhook.ts';

export { RemoteError, type RemoteErrorFields, type RemoteVendor } from './remote-error.ts';
export {
	describeUnreachable,
	errorCode,
	hostOf,
	isAbortTimeout,
	UnreachableError,
	unreachableReason,
	type UnreachableDescription,
	type UnreachableReason,
	type UnreachableRequest,
	type UnreachableTarget,
} from './unreachable.ts';

export {
	addDays,
	assertTimeZone,
	formatInZone,
	instantOf,
	localDateTime,
	offsetAt,
	parseContentDate,
	wallClock,
	WEEKDAYS,
	weekdayOf,
	zonedInstant,
	type CivilDate,
	type Edge,
	type GapRule,
	type WallClock,
	type WallTime,
	type Weekday,
} from './zoned-time.ts';
export { InvalidTimeZoneError } from './invalid-time-zone-error.ts';

export * from './headers.ts';
export { URGENCIES, type Urgency } from './urgency.ts';

export { hmacSha256Hex, signaturesMatch } from './hmac.ts';
export { IntervalTask, type IntervalTaskOptions } from './interval-task.ts';
export { createClaudeClient, type ClaudeConnection } from './claude-client.ts';
