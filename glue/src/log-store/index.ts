// The log store: our sb_ tables in the Directus database, their migrations and typed operations.
// Every function takes its query runner (a pg.Pool or a client in a transaction) as an argument.

// Connecting, migrating, checking.
export { createLogStorePool, sharedLogStorePool, type LogStoreConnection } from './pool.ts';
export {
	loadMigrations,
	migrate,
	type MigrateLogger,
	type MigrateOptions,
	type MigrateResult,
	type Migration,
} from './migrate.ts';
export { checkLogStore } from './health.ts';

// Decisions, actions and social posts.
export {
	claimSocialPost,
	completeSocialPost,
	decisionsByConversation,
	recordAction,
	recordDecision,
	recordInboundEvent,
	socialPostsByKeys,
	type Queryable,
} from './repository.ts';
export {
	socialPostKey,
	type ActionInput,
	type Decision,
	type DecisionInput,
	type InboundEventInput,
	type SocialPost,
} from './schemas.ts';

// The ledger as the gateway's forwarding queue: enqueue, lease a conversation's batch, forward it,
// and the dead letters.
export {
	claimForward,
	busyForward,
	completeForward,
	deadLetterForward,
	enqueueInboundEvent,
	knownMessageIds,
	listDeadLetters,
	replayDeadLetters,
	retryForward,
	withTransaction,
	type DeadLetter,
	type DebounceOptions,
	type ForwardLeaseOptions,
	type LeasedBatch,
	type LeasedEvent,
	type TransactionPool,
} from './ledger-queue.ts';

// Workflow 01's triage claim on a batch's ledger rows, so a batch delivered twice is handled once.
export {
	DEFAULT_TRIAGE_LEASE_MS,
	claimTriage,
	completeTriage,
	releaseTriageClaims,
	type TriageClaim,
	type TriageClaimInput,
	type TriageCompletionInput,
} from './inbound-claims.ts';

// Meta's WhatsApp webhooks as the gateway stored them: the forward queue to Chatwoot, statuses
// for the broadcast sender, referrals for lead capture.
export {
	claimMetaForwards,
	completeMetaForward,
	deadLetterMetaForward,
	metaReferralOf,
	metaReferralSchema,
	metaStatusesOf,
	recordMetaWebhook,
	replayMetaDeadLetters,
	retryMetaForward,
	settleAppliedStatuses,
	takeUnappliedStatuses,
	type LeasedMetaEvent,
	type MetaReferral,
	type MetaReferralRecord,
	type RecordedMetaWebhook,
	type RecordMetaWebhookInput,
	type UnappliedStatus,
} from './meta-events.ts';

// Where the reconciler stopped reading Chatwoot.
export { readReconcilerMark, saveReconcilerMark } from './reconciler-marks.ts';

// What a failed operation throws.
export {
	LogStoreError,
	LogStoreMigrationError,
	LogStoreNotFoundError,
	LogStoreValidationError,
} from './errors.ts';
