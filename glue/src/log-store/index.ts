// The log store: our sb_ tables in the Directus database, their migrations and typed operations.
export * from './errors.ts';
export {
	loadMigrations,
	migrate,
	type MigrateLogger,
	type MigrateOptions,
	type MigrateResult,
	type Migration,
} from './migrate.ts';
export type { Query } from './queries.ts';
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
export * from './schemas.ts';
export {
	claimDueBatch,
	claimedEventSchema,
	completeBatch,
	deadLetterBatch,
	deadLetterSchema,
	enqueueInboundEvent,
	knownMessageIds,
	listDeadLetters,
	replayDeadLetters,
	retryBatch,
	withTransaction,
	type ClaimedBatch,
	type ClaimedEvent,
	type ClaimOptions,
	type DeadLetter,
	type DebounceOptions,
	type TransactionPool,
} from './ledger-queue.ts';
export {
	claimInboundBatch,
	completeInboundBatch,
	inboundClaimInputSchema,
	inboundCompletionInputSchema,
	type InboundClaim,
	type InboundClaimInput,
	type InboundCompletionInput,
} from './inbound-claims.ts';
export { readReconcilerMark, saveReconcilerMark } from './reconciler-marks.ts';
