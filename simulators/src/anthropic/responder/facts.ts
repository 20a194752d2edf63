import { type ScoredChunk, contentChunks, matchChunks } from './chunks.ts';
import type { Conversation } from './conversation.ts';
import { detectLanguage } from './language.ts';
import { fold, keywords } from './words.ts';

/** Everything the responder derives from a request, computed once per answer. */
export interface Facts {
	userText: string;
	foldedUserText: string;
	userWords: string[];
	language: string;
	/** Content chunks that share words with the user's message, best first. */
	matches: ScoredChunk[];
	now: Date;
}

export function gatherFacts(conversation: Conversation, now: Date): Facts {
	const userWords = keywords(conversation.userText);
	return {
		userText: conversation.userText.trim(),
		foldedUserText: fold(conversation.userText),
		userWords,
		language: detectLanguage(conversation.userText),
		matches: matchChunks(contentChunks(conversation.systemText), userWords),
		now,
	};
}

// Confidence grows with how well the content covers the question: 0.4 with nothing, up to 0.9.
export function confidence(facts: Facts): number {
	const best = facts.matches[0]?.score ?? 0;
	return best === 0 ? 0.4 : Math.min(0.9, 0.6 + 0.1 * (best - 1));
}

/** The chunks worth citing: those scoring close to the best one (a passing word match is not enough). */
export function relevantChunks(facts: Facts): ScoredChunk[] {
	const best = facts.matches[0]?.score ?? 0;
	return facts.matches.filter((m) => m.score >= Math.ceil((best * 2) / 3));
}

export function relevantIds(facts: Facts): string[] {
	return [...new Set(relevantChunks(facts).flatMap((m) => (m.id ? [m.id] : [])))];
}
