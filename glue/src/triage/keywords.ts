// Keyword matching for the fallback rules: case and accents folded, whole words or phrases only,
// so "caída" matches "caida" and "bill" does not match "billion".

export function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
}

function phrasePattern(keyword: string): RegExp | undefined {
	const words = fold(keyword)
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	if (words.length === 0) return undefined;
	const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
	return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

/** The keywords that occur in the text, in the order given, without repeats. */
export function matchKeywords(text: string, keywords: readonly string[]): string[] {
	const folded = fold(text);
	const hits = keywords.filter((keyword) => phrasePattern(keyword)?.test(folded) ?? false);
	return [...new Set(hits)];
}
