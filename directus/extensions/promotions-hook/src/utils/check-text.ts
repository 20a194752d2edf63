// The texts the AI quotes and the social posts are built from. The body is the base of every
// caption, so it keeps within Instagram's caption limits (the field's note says so); the counting
// rules are the Meta client's, which checks every caption again before it publishes.
import { CONTENT_STATUSES } from '@switchboard/glue/content';
import {
	captionLength,
	countHashtags,
	countMentions,
	INSTAGRAM_CAPTION_LIMITS,
} from '@switchboard/glue/meta';
import type { PromotionProblem, PromotionRecord } from './promotion-problem.ts';

export function checkText(record: PromotionRecord): PromotionProblem[] {
	const problems: PromotionProblem[] = [];
	if (!(CONTENT_STATUSES as readonly unknown[]).includes(record.status)) {
		problems.push({
			field: 'status',
			message: `"status" must be one of ${CONTENT_STATUSES.join(', ')} (got ${JSON.stringify(record.status ?? null)})`,
		});
	}
	for (const field of ['title', 'body'] as const) {
		const value = record[field];
		if (typeof value !== 'string' || value.trim() === '') {
			problems.push({ field, message: `"${field}" must not be empty` });
		}
	}
	if (typeof record.body === 'string') problems.push(...captionProblems(record.body));
	return problems;
}

function captionProblems(body: string): PromotionProblem[] {
	const counts = {
		characters: captionLength(body),
		hashtags: countHashtags(body),
		mentions: countMentions(body),
	};
	const nouns = { characters: 'characters', hashtags: 'hashtags', mentions: '@mentions' };
	return (['characters', 'hashtags', 'mentions'] as const)
		.filter((limit) => counts[limit] > INSTAGRAM_CAPTION_LIMITS[limit])
		.map((limit) => ({
			field: 'body',
			message: `"body" has ${counts[limit]} ${nouns[limit]}; an Instagram caption allows at most ${INSTAGRAM_CAPTION_LIMITS[limit]}`,
		}));
}
