// Each platform's caption limits, checked on the text as posted (caption and hashtags together).
// Instagram's limits and counting rules are the Meta client's, which checks them again before it
// publishes: one home for them, and a caption that passes here passes there.
import {
	captionLength,
	type CaptionLimit,
	countHashtags,
	countMentions,
	INSTAGRAM_CAPTION_LIMITS,
} from '../meta/index.ts';
import type { SocialPlatform } from './platforms.ts';
import type { LimitProblem } from './problems.ts';

/** Facebook's post length (Meta's documented 63,206 characters; reference/meta.md gives none). */
export const FACEBOOK_CAPTION_LIMITS = { characters: 63_206 } as const;

/**
 * TikTok: reference/meta.md §5.3 allows photo captions of 4,000 UTF-16 units; video captions stop at
 * 2,200. Marketing may post either by hand, so the smaller limit, counted the way TikTok counts.
 */
export const TIKTOK_CAPTION_LIMITS = { characters: 2200 } as const;

export const CAPTION_LIMITS: Record<SocialPlatform, Partial<Record<CaptionLimit, number>>> = {
	facebook: FACEBOOK_CAPTION_LIMITS,
	instagram: INSTAGRAM_CAPTION_LIMITS,
	tiktok: TIKTOK_CAPTION_LIMITS,
};

type Counter = (text: string) => number;

const counters: Record<SocialPlatform, Record<CaptionLimit, Counter>> = {
	facebook: { characters: captionLength, hashtags: countHashtags, mentions: countMentions },
	instagram: { characters: captionLength, hashtags: countHashtags, mentions: countMentions },
	// TikTok counts UTF-16 units, so an emoji is two.
	tiktok: { characters: (text) => text.length, hashtags: countHashtags, mentions: countMentions },
};

const LIMIT_ORDER: readonly CaptionLimit[] = ['characters', 'hashtags', 'mentions'];

/** Every limit the posted text exceeds on the platform, in a fixed order; empty when it fits. */
export function limitProblems(platform: SocialPlatform, text: string): LimitProblem[] {
	const problems: LimitProblem[] = [];
	for (const limit of LIMIT_ORDER) {
		const max = CAPTION_LIMITS[platform][limit];
		if (max === undefined) continue;
		const actual = counters[platform][limit](text);
		if (actual > max) problems.push({ kind: 'limit', limit, actual, max });
	}
	return problems;
}
