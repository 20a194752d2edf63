// What can be wrong with one caption Claude wrote, and how to say it: the same sentence goes back to
// Claude in the second request and into the typed error when the second answer is still wrong.
import type { CaptionLimit } from '../meta/index.ts';
import { PLATFORM_NAMES, type SocialPlatform } from './platforms.ts';

export interface LimitProblem {
	kind: 'limit';
	limit: CaptionLimit;
	actual: number;
	max: number;
}

export type CaptionProblem =
	| LimitProblem
	/** A price, percentage, date, time or number the promotion does not state. */
	| { kind: 'figure'; text: string }
	/** A URL the platform cannot carry, or one the promotion does not have. */
	| { kind: 'link'; text: string }
	| { kind: 'empty' };

export function isLimitProblem(problem: CaptionProblem): problem is LimitProblem {
	return problem.kind === 'limit';
}

const limitNouns: Record<CaptionLimit, string> = {
	characters: 'characters including the hashtags',
	hashtags: 'hashtags',
	mentions: '@ tags',
};

export function describeProblem(platform: SocialPlatform, problem: CaptionProblem): string {
	const name = PLATFORM_NAMES[platform];
	switch (problem.kind) {
		case 'limit': {
			const noun = limitNouns[problem.limit];
			return `it has ${problem.actual} ${noun}; ${name} allows at most ${problem.max}`;
		}
		case 'figure':
			return `it states "${problem.text}", which the promotion does not state`;
		case 'link':
			return platform === 'facebook'
				? `it contains the link "${problem.text}", which is not the promotion's link`
				: `it contains the link "${problem.text}"; ${name} captions cannot carry a clickable link`;
		case 'empty':
			return 'the caption is empty';
	}
}

export function describeProblems(
	platform: SocialPlatform,
	problems: readonly CaptionProblem[],
): string {
	return problems.map((problem) => describeProblem(platform, problem)).join('; ');
}
