import { igCaptionTooLong, igTooManyHashtags, igTooManyMentions } from './error-catalog.ts';

export const CAPTION_MAX_CHARS = 2200;
export const CAPTION_MAX_HASHTAGS = 30;
export const CAPTION_MAX_MENTIONS = 20;

// Counted in code points, so an emoji outside the BMP counts once rather than as two UTF-16 units.
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

/** Throws the Instagram error for a caption over 2,200 characters, 30 hashtags or 20 @ tags. */
export function assertCaption(caption: string | undefined): void {
	if (caption === undefined) return;
	if (captionLength(caption) > CAPTION_MAX_CHARS) throw igCaptionTooLong();
	if (countHashtags(caption) > CAPTION_MAX_HASHTAGS) throw igTooManyHashtags();
	if (countMentions(caption) > CAPTION_MAX_MENTIONS) throw igTooManyMentions(CAPTION_MAX_MENTIONS);
}
