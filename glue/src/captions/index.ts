// Captions: one per social platform for a promotion, written by Claude in the business's tone of
// voice, checked in code against each platform's limits and against the promotion's own figures.
// Called by the social-posting workflow; it knows nothing of n8n.
export {
	buildCaptionRequest,
	type CaptionParams,
	type CaptionRequest,
	type Correction,
} from './build-request.ts';
export {
	checkCaption,
	type CaptionDraftInput,
	type CaptionGrounding,
	type CheckedCaption,
} from './check-caption.ts';
export { composeCaption, normalizeHashtags } from './compose.ts';
export {
	captionConfigSchema,
	parseCaptionConfig,
	type CaptionConfig,
	type CaptionConfigInput,
} from './config.ts';
export * from './errors.ts';
export {
	captionBusinessSchema,
	captionInputSchema,
	parseCaptionInput,
	type CaptionInput,
	type CaptionInputData,
} from './input.ts';
export { CAPTION_INSTRUCTIONS, DEFAULT_TONE } from './instructions.ts';
export { captionsOutputFormat, checkCaptionsOutput, type CaptionsCheck } from './output-format.ts';
export {
	captionDraftSchema,
	captionsOutputSchema,
	captionsOutputSchemaFor,
	facebookDraftSchema,
	type CaptionDraft,
	type CaptionsOutput,
	type FacebookDraft,
} from './output-schema.ts';
export {
	CAPTION_LIMITS,
	FACEBOOK_CAPTION_LIMITS,
	limitProblems,
	TIKTOK_CAPTION_LIMITS,
} from './platform-limits.ts';
export { PLATFORM_NAMES, SOCIAL_PLATFORMS, type SocialPlatform } from './platforms.ts';
export {
	describeProblem,
	describeProblems,
	isLimitProblem,
	type CaptionProblem,
	type LimitProblem,
} from './problems.ts';
export { localDateTime, promotionFacts } from './promotion-facts.ts';
export type { CaptionFailure, CaptionOutcome, CaptionsResult } from './result.ts';
export {
	writeCaptions,
	type CaptionClient,
	type CaptionDeps,
	type CaptionLogger,
} from './write-captions.ts';
