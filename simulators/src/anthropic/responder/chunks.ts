import { keywords, overlap, related } from './words.ts';

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
		// A blank line or a Markdown heading ends the entry.
		if (line.trim() === '' || /^#{1,6}\s/.test(line)) {
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
	/** The user's words this content covers. */
	covered?: string[];
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

// A content record tagged with its language, e.g. "(es) Q: …".
const LANGUAGE_TAG = /^\((\w{2,3})\)\s/;

/**
 * The content records (the lines under one id) that share words with the user's message, best first.
 * A word found in few records counts more than one found in many, a number (a plan's "300") more
 * still, a word of a FAQ entry's question more than one of its answer, and a record in the user's
 * language is preferred; prompt lines without an id are the
 * instructions, not content, when the prompt has ids at all. A record's text is its answer (FAQ) or
 * its lines joined.
 */
export function matchRecords(
	chunks: readonly ContentChunk[],
	userWords: readonly string[],
	language: string,
): ScoredChunk[] {
	const withIds = chunks.some((chunk) => chunk.id !== undefined);
	const records = new Map<string, ContentChunk[]>();
	chunks.forEach((chunk, index) => {
		if (withIds && chunk.id === undefined) return;
		const key = chunk.id ?? `line ${index}`;
		records.set(key, [...(records.get(key) ?? []), chunk]);
	});
	const grouped = [...records.values()].map((lines) => {
		const words = [...new Set(lines.flatMap((line) => line.words))];
		const question = lines.find((line) => line.answer !== undefined);
		const text = question?.answer ?? lines.map((line) => line.text).join(' ');
		return { id: lines[0]!.id, text, words, lines, asked: question?.words ?? [] };
	});
	const covers = (word: string, words: readonly string[]) =>
		words.some((other) => related(word, other));
	const weight = (word: string) => {
		const found = grouped.filter((record) => covers(word, record.words)).length;
		const rarity = Math.log2(1 + grouped.length / Math.max(found, 1));
		return /^\d+$/.test(word) ? 2 * rarity : rarity;
	};
	return grouped
		.map((record) => {
			const covered = userWords.filter((word) => covers(word, record.words));
			const tag = LANGUAGE_TAG.exec(record.lines[0]?.text ?? '')?.[1];
			const fit = tag === undefined ? 1 : tag === language ? 1.25 : 0.8;
			// What a FAQ entry's question asks counts twice: its answer may use words in passing.
			const score =
				covered.reduce(
					(sum, word) => sum + weight(word) * (covers(word, record.asked) ? 2 : 1),
					0,
				) * fit;
			return { id: record.id, text: record.text, words: record.words, score, covered };
		})
		.filter((record) => record.score > 0)
		.sort((a, b) => b.score - a.score);
}
