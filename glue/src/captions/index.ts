// Captions: one per social platform for a promotion, written by Claude in the business's tone of
// voice, checked in code against each platform's limits and against the promotion's own figures.
// Called by the n8n Caption Writer node; it knows nothing of n8n.

// Write the captions for a promotion.
export {
	writeCaptions,
	type CaptionClient,
	type CaptionDeps,
	type CaptionLogger,
} from './write-captions.ts';
export { parseCaptionConfig, type CaptionConfig, type CaptionConfigInput } from './config.ts';
export type { CaptionInput, CaptionInputData } from './input.ts';
export type { CaptionFailure, CaptionOutcome, CaptionsResult } from './result.ts';

// The platforms and their limits.
export { PLATFORM_NAMES, SOCIAL_PLATFORMS, type SocialPlatform } from './platforms.ts';
export { CAPTION_LIMITS } from './platform-limits.ts';

// What a failed call throws (a failed platform is returned in the result instead).
export {
	CaptionAnswerError,
	CaptionApiError,
	CaptionConfigError,
	CaptionContentError,
	CaptionError,
	CaptionInputError,
	CaptionLimitError,
} from './errors.ts';
