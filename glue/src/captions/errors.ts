// The captions' typed errors and the one place that classifies a failed call into them. The config
// and input errors are thrown; the per-platform ones are returned in the result, so a social
// workflow can log a failed platform and still post the others.
import type { FallbackInfo } from '../triage/index.ts';
import { CaptionAnswerError } from './caption-answer-error.ts';
import { CaptionApiError } from './caption-api-error.ts';
import type { SocialPlatform } from './platforms.ts';

export { CaptionAnswerError, type AnswerFailureReason } from './caption-answer-error.ts';
export { CaptionApiError, type ApiFailureReason } from './caption-api-error.ts';
export { CaptionConfigError } from './caption-config-error.ts';
export { CaptionContentError } from './caption-content-error.ts';
export { CaptionError } from './caption-error.ts';
export { CaptionInputError } from './caption-input-error.ts';
export { CaptionLimitError } from './caption-limit-error.ts';

/** The platform's error for a failed call or an unusable answer, as the triage classifies them. */
export function failureFor(
	platform: SocialPlatform,
	info: FallbackInfo,
): CaptionApiError | CaptionAnswerError {
	const { reason } = info;
	if (reason === 'refusal' || reason === 'max_tokens' || reason === 'invalid_output') {
		return new CaptionAnswerError({ platform, reason, detail: info.message });
	}
	return new CaptionApiError({ platform, reason, info });
}
