// Social auto-posting (n8n workflow 02): which promotions are due in which slot, posting each
// platform once per promotion × platform × slot, TikTok's hand-off by e-mail, and every attempt
// logged to Directus. The n8n Social Publisher node's Auto-Post operations are thin adapters of this.

// The three steps of a run: find what is due, publish it, record TikTok's hand-off.
export { findDuePosts, type DuePost, type FindDueDeps, type FindDueResult } from './find-due.ts';
export { publishDuePost, type MetaTarget, type PublishDeps } from './publish.ts';
export { recordHandoff } from './record-handoff.ts';
export type { RecordDeps } from './record-attempt.ts';
export type { PlatformOutcome, PostStatus, SocialLogger } from './outcome.ts';
export type { PostJob, PostJobInput } from './job.ts';
export type { HandoffEmail } from './handoff.ts';

// When to post: slots such as "mon 09:00" in the business's time zone.
export { parsePostingSlot, type PostingSlot } from './slots.ts';

// Where each attempt is logged (Directus's social post log).
export {
	createDirectusPostLog,
	POST_LOG_STATUSES,
	type PostLog,
	type PostLogEntry,
	type PostLogStatus,
} from './post-log.ts';

// What a run throws.
export { SocialConfigError, SocialError, SocialInputError, SocialLogError } from './errors.ts';
