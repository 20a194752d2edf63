// A best-effort guess of the customer's language for the fallback triage, from common short words.
// It says "und" (undetermined) rather than guess when the text gives too little to go on.
import { fold } from './keywords.ts';

const markers: Record<string, readonly string[]> = Object.fromEntries(
	Object.entries({
		en: 'the and is my you not have with was what where hello hi thanks please can how why it this i to of for does do',
		es: 'el la los las que de mi por para una es hola gracias no tengo como cuanto cuando donde porque y con esta quiero necesito buenos dias',
		pt: 'o os que nao meu minha para com uma obrigado obrigada ola voce tenho quanto quero preciso bom dia e do da esta',
		fr: 'le la les est je mon ma pas pour avec une bonjour merci et vous ne combien pourquoi des du suis ai',
		de: 'der die das ist ich mein meine nicht und mit hallo danke bitte wie warum haben habe sie ein eine kein',
		it: 'il lo che non mio mia per con una ciao grazie sono ho come quanto perche buongiorno e della gli',
	}).map(([code, words]) => [code, words.split(' ')]),
);

/** ISO 639-1 code of the text's language, or "und" when no language clearly leads. */
export function detectLanguage(text: string): string {
	const words = fold(text)
		.split(/[^\p{L}]+/u)
		.filter(Boolean);
	const scores = Object.entries(markers)
		.map(([code, list]) => ({ code, hits: words.filter((w) => list.includes(w)).length }))
		.sort((a, b) => b.hits - a.hits);
	const [best, second] = scores;
	if (!best || best.hits < 2 || best.hits === second?.hits) return 'und';
	return best.code;
}
