import { CaptionError } from './caption-error.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';

export type AnswerFailureReason = 'refusal' | 'max_tokens' | 'invalid_output';

/** Claude answered, but the answer cannot be used: a refusal, cut off, or not the schema. */
export class CaptionAnswerError extends CaptionError {
	override readonly code = 'CAPTION_UNUSABLE_ANSWER';
	override readonly httpStatus = 502;
	readonly platform: SocialPlatform;
	readonly reason: AnswerFailureReason;
	/** For operators: what was wrong, without the answer's text. */
	readonly detail: string;

	constructor(fields: { platform: SocialPlatform; reason: AnswerFailureReason; detail: string }) {
		super(
			`Claude's answer for the ${PLATFORM_NAMES[fields.platform]} caption cannot be used ` +
				`(${fields.reason}: ${fields.detail}).`,
		);
		this.name = 'CaptionAnswerError';
		this.platform = fields.platform;
		this.reason = fields.reason;
		this.detail = fields.detail;
	}
}
