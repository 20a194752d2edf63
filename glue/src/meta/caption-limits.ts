// Instagram's caption limits (reference/meta.md §5.2: 2,200 characters, 30 hashtags, 20 @ tags),
// checked before calling Meta so a too-long caption fails with a clear error and no API call.
import { InstagramCaptionError } from './instagram-caption-error.ts';

export const INSTAGRAM_CAPTION_LIMITS = { characters: 2200, hashtags: 30, mentions: 20 } as const;

// Code points, so an emoji counts once rather than as two UTF-16 units.
export function captionLength(caption: string): number {
	return [...caption].length;
}

export function countHashtags(caption: string): number {
	return caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

// An @ inside a word (an e-mail address) is not a tag.
export function countMentions(caption: string): number {
	return caption.match(/(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_.]+/gu)?.length ?? 0;
}

/** Throws InstagramCaptionError naming the first limit the caption exceeds. */
export function assertInstagramCaption(caption: string): void {
	const counts = {
		characters: captionLength(caption),
		hashtags: countHashtags(caption),
		mentions: countMentions(caption),
	};
	for (const limit of ['characters', 'hashtags', 'mentions'] as const) {
		const max = INSTAGRAM_CAPTION_LIMITS[limit];
		if (counts[limit] > max) throw new InstagramCaptionError({ limit, actual: counts[limit], max });
	}
}
