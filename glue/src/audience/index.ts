// Broadcasts as staff and customers see them: recipients and groups in Directus, the opt-out words,
// the 24-hour window, the estimate and the checks before a broadcast is scheduled, and the
// Directus-backed store the sender (@switchboard/glue/broadcasts) reads plans from.
// Imported as @switchboard/glue/audience.

// Who a broadcast reaches.
export {
	e164,
	resolveAudience,
	type Audience,
	type AudienceInput,
	type AudienceMember,
} from './audience.ts';

// Opt-out words, and what an opt-out message does before triage.
export {
	normaliseWord,
	optOutCommand,
	optOutKeywordsSchema,
	optOutWordsFor,
	type OptOutCommand,
	type OptOutKeywords,
} from './opt-out.ts';
export {
	handleOptOut,
	OPT_OUT_TEMPLATE_KEYS,
	type OptOutDeps,
	type OptOutInput,
	type OptOutOutcome,
} from './opt-out-command.ts';
export {
	checkInboundForBroadcasts,
	inboundOptOut,
	optOutKeywordsOf,
	optOutNote,
	type InboundBroadcastCheck,
	type InboundMessage,
	type InboundOptOutDeps,
} from './inbound-opt-out.ts';

// The customer-service window and the message form it allows.
export {
	CUSTOMER_SERVICE_WINDOW_MS,
	customerServiceWindow,
	messageForWindow,
	type BroadcastMessage,
	type CustomerServiceWindow,
	type TemplateMessage,
} from './window.ts';

// Before scheduling: the estimate and the checks.
export {
	estimateBroadcast,
	estimateText,
	type BroadcastEstimate,
	type EstimateInput,
} from './estimate.ts';
export {
	BROADCAST_STATUSES,
	scheduleProblems,
	statusChangeProblem,
	type BroadcastStatus,
	type ScheduleCheckInput,
} from './schedule-check.ts';

// A reply to a broadcast, for the agents' note; the counts refreshed as statuses arrive.
export {
	broadcastRepliedTo,
	broadcastReplyNote,
	recordBroadcastResponse,
	REPLY_WINDOW_MS,
	type BroadcastReply,
} from './replies.ts';
export { refreshBroadcastCounts, type RefreshedCounts } from './refresh-counts.ts';

// For the Directus extensions: the sender's settings and suppression list.
export {
	broadcastSettingsFromEnv,
	lastCustomerMessagesVia,
	queryableVia,
	suppressedPhonesVia,
	type RawQuery,
} from './settings.ts';

// "Send a test to me".
export { sendBroadcastTest, type TestSendInput, type TestSendResult } from './test-send.ts';

// Directus's schedule and cancellations → the sender's start jobs (run by the sender process).
export {
	syncBroadcastSchedules,
	type ScheduleSyncDeps,
	type ScheduleSyncResult,
} from './schedule-sync.ts';

// The contacts of groups defined by Chatwoot labels or a stage.
export {
	chatwootDerivedMembers,
	derivedMembersFromEnv,
	type DerivedMembersDeps,
	type DerivedMembersFromEnvOptions,
} from './derived.ts';

// The Directus records and the store.
export {
	broadcastRecordSchema,
	directusBroadcastRecords,
	itemsServiceBroadcastRecords,
	type BroadcastRecord,
	type BroadcastRecords,
	type DirectusRow,
	type GroupRecord,
	type ItemsServiceLike,
	type ReadQuery,
} from './records.ts';
export {
	broadcastCounts,
	createDirectusBroadcastStore,
	estimateFromContext,
	lastCustomerMessagesIn,
	planBroadcast,
	readAudience,
	readBroadcast,
	readBroadcastContext,
	scheduledBroadcasts,
	suppressedPhonesIn,
	type BroadcastContext,
	type BroadcastPlan,
	type BroadcastStore,
	type BroadcastStoreDeps,
	type DeliveryCounts,
	type EstimateOptions,
	type PlannedRecipient,
	type PlanResult,
	type ReportedStatus,
} from './directus-store.ts';
