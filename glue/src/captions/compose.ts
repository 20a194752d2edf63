// The caption as it is posted: Claude's text, then its hashtags on their own paragraph, each with
// one '#', without repeats (Instagram and TikTok treat #Sale and #sale as the same tag).

const NOT_IN_TAG = /[^\p{L}\p{M}\p{N}_]+/gu;
const INLINE_TAG = /#([\p{L}\p{M}\p{N}_]+)/gu;

const tagKey = (tag: string) => tag.toLowerCase();

/**
 * '#Black Friday', 'blackfriday' and '##Sale!' become '#BlackFriday' and '#Sale'; the first spelling
 * of a repeated tag wins; tags the caption already carries inline and tags left empty are dropped.
 */
export function normalizeHashtags(hashtags: readonly string[], caption = ''): string[] {
	const seen = new Set([...caption.matchAll(INLINE_TAG)].map((m) => tagKey(m[1] ?? '')));
	const result: string[] = [];
	for (const raw of hashtags) {
		const tag = raw.normalize('NFC').replace(NOT_IN_TAG, '');
		if (!tag || seen.has(tagKey(tag))) continue;
		seen.add(tagKey(tag));
		result.push(`#${tag}`);
	}
	return result;
}

/** Caption, blank line, hashtags joined by spaces; either part may be missing. */
export function composeCaption(caption: string, hashtags: readonly string[]): string {
	return [caption.trim(), hashtags.join(' ')].filter((part) => part !== '').join('\n\n');
}
