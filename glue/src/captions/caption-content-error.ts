import { CaptionError } from './caption-error.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';
import { type CaptionProblem, describeProblems } from './problems.ts';

/**
 * After a second attempt the caption still states a figure the promotion does not, carries a link
 * it may not, or is empty: posting it would promise something the business never offered.
 */
export class CaptionContentError extends CaptionError {
	override readonly code = 'CAPTION_CONTENT_REJECTED';
	override readonly httpStatus = 422;
	readonly platform: SocialPlatform;
	readonly problems: CaptionProblem[];

	constructor(fields: { platform: SocialPlatform; problems: CaptionProblem[] }) {
		super(
			`The ${PLATFORM_NAMES[fields.platform]} caption was rejected after a second attempt: ` +
				`${describeProblems(fields.platform, fields.problems)}.`,
		);
		this.name = 'CaptionContentError';
		this.platform = fields.platform;
		this.problems = fields.problems;
	}
}
