import { type ScoredChunk, contentChunks, matchRecords } from './chunks.ts';
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
	const language = detectLanguage(conversation.userText);
	return {
		userText: conversation.userText.trim(),
		foldedUserText: fold(conversation.userText),
		userWords,
		language,
		matches: matchRecords(contentChunks(conversation.systemText), userWords, language),
		now,
	};
}

// Confidence grows with how many of the message's words the answer covers: 0.4 with nothing, up to 0.9.
export function confidence(facts: Facts): number {
	const covered = new Set(relevantChunks(facts).flatMap((m) => m.covered ?? [])).size;
	return covered === 0 ? 0.4 : Math.min(0.9, 0.6 + 0.1 * (covered - 1));
}

/**
 * The records the answer draws on: the best one, and a second one when the message asks two things
 * ("how much is it and when can you install it?") and it covers what the first does not.
 */
export function relevantChunks(facts: Facts): ScoredChunk[] {
	const [best, ...rest] = facts.matches;
	if (!best) return [];
	const covered = new Set(best.covered ?? []);
	const second = rest.find(
		(m) => m.score >= best.score / 2 && (m.covered ?? []).some((word) => !covered.has(word)),
	);
	return second ? [best, second] : [best];
}

export function relevantIds(facts: Facts): string[] {
	return [...new Set(relevantChunks(facts).flatMap((m) => (m.id ? [m.id] : [])))];
}
