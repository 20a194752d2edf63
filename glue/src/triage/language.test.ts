import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from './language.ts';

describe('language', () => {
	describe('detectLanguage', () => {
		const cases: Array<[string, string]> = [
			['Hello, my router is not working and I have no idea why', 'en'],
			['Hola, mi pedido no llegó y necesito ayuda', 'es'],
			['Olá, o meu pedido não chegou, preciso de ajuda', 'pt'],
			['Bonjour, je ne suis pas content de mon abonnement', 'fr'],
			['Hallo, ich habe kein Internet und mein Router ist aus', 'de'],
			['Ciao, non ho ricevuto il mio ordine, grazie', 'it'],
		];
		for (const [text, code] of cases) {
			it(`should read "${text.slice(0, 24)}…" as ${code}`, () => {
				assert.equal(detectLanguage(text), code);
			});
		}

		it('should say "und" for empty text, one word, numbers or a tie', () => {
			assert.equal(detectLanguage(''), 'und');
			assert.equal(detectLanguage('Fibre'), 'und');
			assert.equal(detectLanguage('12345 !!!'), 'und');
			assert.equal(detectLanguage('the hola'), 'und');
		});
	});
});
