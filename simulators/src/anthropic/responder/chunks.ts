import { keywords, overlap } from './words.ts';

/** One line (or entry) of the content in the system prompt, with the id it was given, if any. */
export interface ContentChunk {
	id: string | undefined;
	text: string;
	words: string[];
	/** For a question line (`Q: …`), the answer lines after it under the same id. */
	answer?: string;
}

// FAQ entries often come as "Q: … / A: …" under one id; a model answers with the A, not the Q.
const QUESTION = /^(?:\([\w-]+\)\s*)?Q:\s/;
const ANSWER_LABEL = /^A:\s*/;

// Ids as prompts usually carry them: `id: faq-12`, `"id": "faq-12"`, `[faq-12] …`, `<faq id="faq-12">`.
const idPatterns = [/["']?\bid["']?\s*[:=]\s*["']?([\w.:-]+)/i, /^\s*(?:[-*]\s*)?\[([\w.:-]+)\]/];

function findId(line: string): string | undefined {
	for (const pattern of idPatterns) {
		const id = pattern.exec(line)?.[1];
		if (id) return id;
	}
	return undefined;
}

// Drops markup so the chunk reads as a sentence: ids, JSON punctuation, tags, a leading field name
// such as `answer:` (lower-case, so a heading like "Refunds:" stays).
function clean(line: string): string {
	return line
		.replace(/<[^>]+>/g, ' ')
		.replace(/["']?\bid["']?\s*[:=]\s*["']?[\w.:-]+["']?,?/gi, ' ')
		.replace(/^\s*(?:[-*]\s*)?\[[\w.:-]+\]/, ' ')
		.replace(/["{}[\]]/g, ' ')
		.replace(/^\s*[-*]?\s*[a-z_]{1,20}:\s+/, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Splits the system prompt into lines; a line without an id belongs to the last id seen before it
 * (multi-line YAML or JSON entries), until a blank line.
 */
export function contentChunks(systemText: string): ContentChunk[] {
	const chunks: ContentChunk[] = [];
	let currentId: string | undefined;
	let question: ContentChunk | undefined;
	for (const line of systemText.split(/\r?\n/)) {
		if (line.trim() === '') {
			currentId = undefined;
			question = undefined;
			continue;
		}
		const id = findId(line);
		if (id !== undefined && id !== currentId) question = undefined;
		currentId = id ?? currentId;
		const text = clean(line);
		if (text.length < 12 && !ANSWER_LABEL.test(text)) continue;
		if (question && currentId !== undefined && question.id === currentId) {
			const answer = text.replace(ANSWER_LABEL, '');
			question.answer = question.answer ? `${question.answer} ${answer}` : answer;
		}
		const chunk: ContentChunk = { id: currentId, text, words: keywords(text) };
		if (QUESTION.test(text)) question = chunk;
		chunks.push(chunk);
	}
	return chunks;
}

export interface ScoredChunk extends ContentChunk {
	score: number;
}

/** Chunks that share words with the user's message, best first (ties keep prompt order). */
export function matchChunks(
	chunks: readonly ContentChunk[],
	userWords: readonly string[],
): ScoredChunk[] {
	return chunks
		.map((chunk) => ({ ...chunk, score: overlap(userWords, chunk.words).length }))
		.filter((chunk) => chunk.score > 0)
		.sort((a, b) => b.score - a.score);
}
