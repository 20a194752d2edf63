// Turns one caption Claude wrote into the text that would be posted and lists what is wrong with it:
// empty, a link the platform cannot carry or the promotion does not have, a figure the promotion
// does not state (the triage's guard decides), or a platform limit exceeded.
import { guardReply } from '../triage/index.ts';
import { composeCaption, normalizeHashtags } from './compose.ts';
import { limitProblems } from './platform-limits.ts';
import type { SocialPlatform } from './platforms.ts';
import type { CaptionProblem } from './problems.ts';

export interface CaptionDraftInput {
	caption: string;
	hashtags: readonly string[];
}

/** What a caption may state: the promotion's facts as Claude was shown them. */
export interface CaptionGrounding {
	facts: string;
	businessName: string;
	link: string | null;
}

export interface CheckedCaption {
	/** As posted: Facebook's carries the promotion's link even when Claude left it out. */
	caption: string;
	/** Each with its '#', without repeats. */
	hashtags: string[];
	/** Caption and hashtags as posted. */
	text: string;
	problems: CaptionProblem[];
}

const URL = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/giu;

function linksIn(text: string): string[] {
	return [...text.matchAll(URL)].map((m) => m[0].replace(/[.,;:!?)\]]+$/u, ''));
}

// Scheme, "www." and a trailing slash do not make another link.
const linkKey = (url: string) =>
	url
		.replace(/^https?:\/\//i, '')
		.replace(/^www\./i, '')
		.replace(/\/+$/, '')
		.toLowerCase();

function linkProblems(
	platform: SocialPlatform,
	text: string,
	link: string | null,
): CaptionProblem[] {
	// Instagram and TikTok do not make caption links clickable: "link in bio" is the way there.
	const allowed = platform === 'facebook' && link ? linkKey(link) : null;
	return linksIn(text)
		.filter((url) => linkKey(url) !== allowed)
		.map((url) => ({ kind: 'link', text: url }));
}

function figureProblems(text: string, grounding: CaptionGrounding): CaptionProblem[] {
	const verdict = guardReply({
		reply: text,
		usedContentIds: ['promotion', 'business'],
		records: new Map([
			['promotion', grounding.facts],
			['business', grounding.businessName],
		]),
	});
	if (!verdict.blocked) return [];
	const texts = verdict.offending.filter((o) => o.kind !== 'content_id').map((o) => o.text);
	return [...new Set(texts)].map((figure) => ({ kind: 'figure', text: figure }));
}

export function checkCaption(
	platform: SocialPlatform,
	draft: CaptionDraftInput,
	grounding: CaptionGrounding,
): CheckedCaption {
	let caption = draft.caption.trim();
	const { link } = grounding;
	const hasLink = (text: string) =>
		link !== null && linksIn(text).some((url) => linkKey(url) === linkKey(link));
	if (platform === 'facebook' && caption && link && !hasLink(caption)) {
		caption = `${caption}\n\n${link}`;
	}
	const hashtags = normalizeHashtags(draft.hashtags, caption);
	const text = composeCaption(caption, hashtags);
	const problems: CaptionProblem[] = [
		...(caption ? [] : [{ kind: 'empty' } as const]),
		...linkProblems(platform, text, link),
		...figureProblems(text, grounding),
		...limitProblems(platform, text),
	];
	return { caption, hashtags, text, problems };
}
