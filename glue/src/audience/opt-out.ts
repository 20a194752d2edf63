// Opt-out words: a customer whose whole message is STOP (BAJA, PARAR, SAIR…) gets no broadcast again
// until they write START. The words are marketing's, per language, in Directus `opt_out_keywords`;
// a word of any language counts, because customers write in whichever they like.
import { z } from 'zod/v4';

const words = z
	.array(z.string())
	.nullish()
	.transform((list) => (list ?? []).map(normaliseWord).filter((word) => word !== ''));

/** One Directus `opt_out_keywords` record. */
export const optOutKeywordsSchema = z.object({
	language: z.string().trim().toLowerCase().min(2),
	stop_words: words,
	start_words: words,
});
export type OptOutKeywords = z.output<typeof optOutKeywordsSchema>;

export interface OptOutCommand {
	kind: 'stop' | 'start';
	/** The language whose word it was: the confirmation goes out in it. */
	language: string;
	/** The word as compared, e.g. "BAJA". */
	word: string;
}

/**
 * "¡Baja!" → "BAJA", " stop. " → "STOP", "Não" → "NAO": case, accents, punctuation and the spaces
 * around and between letters do not matter to a customer typing on a phone.
 */
export function normaliseWord(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.toUpperCase();
}

/**
 * Whether a message is an opt-out (or opt-in) command: the whole message must be one of the words,
 * so "stop sending me the invoice twice" stays a message for the AI and the agents.
 * Stop wins when a word is both (a misconfiguration must never keep sending).
 *
 * @example optOutCommand('Baja', [{ language: 'es', stop_words: ['BAJA'], start_words: ['ALTA'] }]) // { kind: 'stop', language: 'es', word: 'BAJA' }
 */
export function optOutCommand(
	text: string | null | undefined,
	keywords: readonly OptOutKeywords[],
): OptOutCommand | null {
	const word = normaliseWord(text ?? '');
	if (word === '') return null;
	for (const kind of ['stop', 'start'] as const) {
		for (const entry of keywords) {
			const list = kind === 'stop' ? entry.stop_words : entry.start_words;
			if (list.includes(word)) return { kind, language: entry.language, word };
		}
	}
	return null;
}

/** The first stop and start word of a language (else English's), for {{broadcast.opt_out_word}}. */
export function optOutWordsFor(
	language: string | null | undefined,
	keywords: readonly OptOutKeywords[],
): { stop: string | null; start: string | null } {
	const wanted = (language ?? '').toLowerCase();
	const entry =
		keywords.find((candidate) => candidate.language === wanted) ??
		keywords.find((candidate) => candidate.language === wanted.split('-')[0]) ??
		keywords.find((candidate) => candidate.language === 'en') ??
		keywords[0];
	return { stop: entry?.stop_words[0] ?? null, start: entry?.start_words[0] ?? null };
}
