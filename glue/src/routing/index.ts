// Routing: which department received a message, whether it is open, and what to do with a triage.
export { decideRoute, priorityFor, type RouteInput } from './decide-route.ts';
export * from './errors.ts';
export { effectiveHours, isOpen, nextOpening, type Opening } from './opening-hours.ts';
export { openingPhrase, resolveLanguage } from './opening-phrase.ts';
export { normalisePhoneNumber } from './phone-number.ts';
export type { ReceivingChannel } from './receiving-channel.ts';
export { resolveDepartment } from './resolve-department.ts';
export type {
	HandoffDecision,
	OutOfHours,
	Priority,
	ReplyDecision,
	RouteDecision,
	RouteRule,
	TransferDecision,
} from './route-decision.ts';
export { URGENCIES, type TriageVerdict, type Urgency } from './triage-verdict.ts';
export { wallClock, zonedInstant, type CivilDate, type WallClock } from './zoned-time.ts';
