import { CaptionError } from './caption-error.ts';
import type { CaptionLimit } from '../meta/index.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';
import { type CaptionProblem, describeProblems, type LimitProblem } from './problems.ts';

/** The caption was still over a platform limit after Claude was asked once more with the reason. */
export class CaptionLimitError extends CaptionError {
	override readonly code = 'CAPTION_OVER_LIMIT';
	override readonly httpStatus = 422;
	readonly platform: SocialPlatform;
	/** The first limit exceeded; `problems` lists every problem of the last answer. */
	readonly limit: CaptionLimit;
	readonly actual: number;
	readonly max: number;
	readonly problems: CaptionProblem[];

	constructor(fields: {
		platform: SocialPlatform;
		exceeded: LimitProblem;
		problems: CaptionProblem[];
	}) {
		const first = fields.exceeded;
		super(
			`The ${PLATFORM_NAMES[fields.platform]} caption is over the limit after a second attempt: ` +
				`${describeProblems(fields.platform, fields.problems)}.`,
		);
		this.name = 'CaptionLimitError';
		this.platform = fields.platform;
		this.limit = first.limit;
		this.actual = first.actual;
		this.max = first.max;
		this.problems = fields.problems;
	}
}
