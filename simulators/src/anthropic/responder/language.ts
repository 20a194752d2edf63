import { tokens } from './words.ts';

// Telltale short words per language; the most hits wins, English when nothing stands out.
const markers: Record<string, readonly string[]> = {
	en: [
		'the',
		'and',
		'is',
		'my',
		'you',
		'not',
		'have',
		'with',
		'was',
		'what',
		'where',
		'hello',
		'thanks',
	],
	es: [
		'el',
		'la',
		'los',
		'las',
		'que',
		'de',
		'mi',
		'por',
		'para',
		'una',
		'es',
		'hola',
		'gracias',
		'pedido',
		'llego',
	],
	pt: [
		'o',
		'os',
		'que',
		'nao',
		'meu',
		'minha',
		'para',
		'com',
		'uma',
		'obrigado',
		'ola',
		'voce',
		'pedido',
		'chegou',
	],
	fr: [
		'le',
		'la',
		'les',
		'est',
		'je',
		'mon',
		'pas',
		'pour',
		'avec',
		'une',
		'bonjour',
		'merci',
		'commande',
	],
	de: [
		'der',
		'die',
		'das',
		'ist',
		'ich',
		'mein',
		'nicht',
		'und',
		'mit',
		'hallo',
		'danke',
		'bestellung',
	],
	it: ['il', 'lo', 'che', 'non', 'mio', 'per', 'con', 'una', 'ciao', 'grazie', 'ordine'],
};

/** ISO 639-1 code of the text's language, guessed from common words. */
export function detectLanguage(text: string): string {
	const words = tokens(text);
	let best = 'en';
	let bestHits = 0;
	for (const [code, list] of Object.entries(markers)) {
		const hits = words.filter((w) => list.includes(w)).length;
		if (hits > bestHits) {
			best = code;
			bestHits = hits;
		}
	}
	return best;
}
