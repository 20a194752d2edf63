// Broadcasts: the sender (exact-time start, per-number pacing in Redis, never twice, never to a
// suppressed number), the deliveries it records, and Meta's statuses applied to them.
export {
	BROADCAST_RUN_STATUSES,
	BroadcastPlanError,
	broadcastMessageSchema,
	broadcastPlanSchema,
	DELIVERY_STATES,
	phoneDigits,
	type BroadcastMessage,
	type BroadcastPlan,
	type BroadcastPlanInput,
	type BroadcastRecipient,
	type BroadcastRunStatus,
	type BroadcastStore,
	type DeliveryCounts,
	type DeliveryState,
	type DeliveryStatusInput,
	type TemplateForm,
} from './model.ts';
export {
	BROADCAST_START_QUEUE,
	startBroadcastSender,
	type BroadcastSender,
	type BroadcastSenderOptions,
	type SenderLogger,
} from './sender.ts';
export {
	cancelBroadcast,
	rescheduleBroadcast,
	scheduleBroadcast,
	type CancelResult,
} from './schedule.ts';
export { deliveryCounts } from './deliveries.ts';
export { applyDeliveryStatuses, CALLBACK_PREFIX, type ApplyResult } from './statuses.ts';
export {
	isSuppressed,
	resubscribe,
	suppress,
	suppressedAmong,
	type SuppressOptions,
} from './suppressions.ts';
export type { LimiterKind } from './rate-gate.ts';
