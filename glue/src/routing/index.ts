// Routing: which department received a message, whether it is open, and what to do with a triage.

// Which department: the receiving number or inbox, matched against Directus's departments.
export type { ReceivingChannel } from './receiving-channel.ts';
export { resolveDepartment } from './resolve-department.ts';

// Whether it is open, and when it opens next.
export { effectiveHours, isOpen, nextOpening, type Opening } from './opening-hours.ts';

// What to do with a triage: reply, hand off, transfer; out of hours or not.
export { decideRoute, type RouteInput } from './decide-route.ts';
export type {
	HandoffDecision,
	OutOfHours,
	Priority,
	ReplyDecision,
	RouteDecision,
	TransferDecision,
} from './route-decision.ts';
export type { TriageVerdict } from './triage-verdict.ts';

// What a failed lookup throws.
export { AmbiguousDepartmentError, DepartmentNotFoundError, RoutingError } from './errors.ts';
