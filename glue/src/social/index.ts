// Social auto-posting (issue #7, n8n workflow 02): which promotions are due in which slot, posting
// each platform once per promotion × platform × slot, TikTok's hand-off by e-mail, and every attempt
// logged to Directus. The n8n Social Publisher node's Auto-Post operations are thin adapters of this.
export { existingClaims, postKey, type ExistingClaim } from './claims.ts';
export {
	duePromotions,
	type DueOptions,
	type DueProblem,
	type DuePromotion,
	type DueResult,
} from './due.ts';
export * from './errors.ts';
export { describeFailure, type FailureReport } from './failure.ts';
export {
	defaultSlotsOf,
	findDuePosts,
	type DuePost,
	type FindDueDeps,
	type FindDueResult,
} from './find-due.ts';
export {
	describeSlot,
	emailOutcomeOf,
	emailResultSchema,
	tiktokHandoffEmail,
	type EmailOutcome,
	type HandoffEmail,
} from './handoff.ts';
export {
	captionResultSchema,
	parsePostJob,
	postJobSchema,
	type CaptionResult,
	type PostJob,
	type PostJobInput,
} from './job.ts';
export type { PlatformOutcome, PostStatus, SocialLogger } from './outcome.ts';
export {
	createDirectusPostLog,
	POST_LOG_STATUSES,
	toPostLogRecord,
	type PostLog,
	type PostLogEntry,
	type PostLogStatus,
} from './post-log.ts';
export { publishDuePost, publishToPlatform, type MetaTarget, type PublishDeps } from './publish.ts';
export { recordAttempt, type RecordDeps } from './record-attempt.ts';
export { handoffOutcomeSchema, recordHandoff } from './record-handoff.ts';
export {
	DEFAULT_CATCH_UP_MS,
	DEFAULT_POSTING_SLOTS,
	latestDueSlot,
	MAX_CATCH_UP_MS,
	parsePostingSlot,
	parsePostingSlots,
	type DueSlot,
	type ParsedSlots,
	type PostingSlot,
} from './slots.ts';
export {
	parseRunTrigger,
	PROMOTION_EVENTS,
	promotionEventSchema,
	scheduleCheckSchema,
	type RunTrigger,
} from './trigger.ts';
