import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseWord, optOutCommand, optOutKeywordsSchema, optOutWordsFor } from './opt-out.ts';

const keywords = [
	{ language: 'en', stop_words: ['STOP', 'unsubscribe'], start_words: ['START'] },
	{ language: 'es', stop_words: ['BAJA', 'PARAR'], start_words: ['ALTA'] },
	{ language: 'pt', stop_words: ['PARAR', 'SAIR'], start_words: ['VOLTAR'] },
].map((row) => optOutKeywordsSchema.parse(row));

describe('opt-out', () => {
	describe('normaliseWord', () => {
		it('should ignore case, accents, punctuation and surrounding spaces', () => {
			assert.equal(normaliseWord(' ¡Baja! '), 'BAJA');
			assert.equal(normaliseWord('stop.'), 'STOP');
			assert.equal(normaliseWord('Não'), 'NAO');
		});
		it('should give an empty string for only separators', () => {
			assert.equal(normaliseWord(' ...!? '), '');
		});
	});

	describe('optOutCommand', () => {
		it('should recognise a stop word of any language, with that language', () => {
			assert.deepEqual(optOutCommand('baja', keywords), {
				kind: 'stop',
				language: 'es',
				word: 'BAJA',
			});
			assert.deepEqual(optOutCommand('Sair', keywords), {
				kind: 'stop',
				language: 'pt',
				word: 'SAIR',
			});
			assert.deepEqual(optOutCommand('Unsubscribe!', keywords)?.kind, 'stop');
		});
		it('should recognise a start word', () => {
			assert.deepEqual(optOutCommand('START', keywords), {
				kind: 'start',
				language: 'en',
				word: 'START',
			});
		});
		it('should leave a sentence that merely contains the word to triage', () => {
			assert.equal(optOutCommand('stop sending me the invoice twice', keywords), null);
		});
		it('should answer null for empty, undefined and no keywords', () => {
			assert.equal(optOutCommand('', keywords), null);
			assert.equal(optOutCommand(undefined, keywords), null);
			assert.equal(optOutCommand('STOP', []), null);
		});
		it('should stop when a word is configured both ways', () => {
			const both = [
				optOutKeywordsSchema.parse({ language: 'en', stop_words: ['X'], start_words: ['X'] }),
			];
			assert.equal(optOutCommand('x', both)?.kind, 'stop');
		});
	});

	describe('optOutWordsFor', () => {
		it("should pick the language's words, its main language's, else English's", () => {
			assert.deepEqual(optOutWordsFor('es-MX', keywords), { stop: 'BAJA', start: 'ALTA' });
			assert.deepEqual(optOutWordsFor('fr', keywords), { stop: 'STOP', start: 'START' });
			assert.deepEqual(optOutWordsFor(null, []), { stop: null, start: null });
		});
	});
});
