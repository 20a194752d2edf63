import { cueHits } from './cues.ts';
import type { Facts } from './facts.ts';
import { overlap, tokens } from './words.ts';

// When nothing in the message points anywhere, a real model picks the non-committal label.
const neutral = ['other', 'unknown', 'neutral', 'medium', 'normal', 'general', 'none', 'unclear'];

function score(option: string, facts: Facts): number {
	const parts = tokens(option);
	return (
		2 * overlap(parts, facts.userWords).length +
		parts.reduce((n, p) => n + cueHits(p, facts.foldedUserText), 0)
	);
}

/** The enum value the message points at (its words or cue words), or undefined when none. */
export function pointedOption(options: readonly unknown[], facts: Facts): unknown {
	let best: unknown = undefined;
	let bestScore = 0;
	for (const option of options) {
		const s = typeof option === 'string' ? score(option, facts) : 0;
		if (s > bestScore) {
			best = option;
			bestScore = s;
		}
	}
	return best;
}

/** The enum value whose words (or cue words) overlap the user's message most; ties keep schema order. */
export function chooseOption(options: readonly unknown[], facts: Facts): unknown {
	const best = pointedOption(options, facts);
	if (best !== undefined) return best;
	return (
		options.find((o) => typeof o === 'string' && neutral.includes(o.toLowerCase())) ??
		options[0] ??
		null
	);
}

/** A yes/no field is true when its name is about something the message mentions. */
export function chooseBoolean(nameWords: string, facts: Facts): boolean {
	const parts = nameWords.split('_').filter((p) => p.length >= 3);
	if (/answerable|can_answer|grounded|resolved|found/.test(nameWords)) {
		return facts.matches.length > 0;
	}
	return score(parts.join(' '), facts) > 0;
}
