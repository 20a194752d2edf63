// Word handling for the deterministic responder: lower case, accents folded, so "llegó" matches "llego".
export function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '');
}

export function tokens(text: string): string[] {
	return fold(text)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((t) => t.length > 0);
}

const stopwords = new Set(
	(
		'the and for are but not you your with this that have has was were what when where which who why how ' +
		'can could would should will just from they them their there here about into than then also very ' +
		'please hello thanks thank hola gracias por para que los las una uno con del mas pero como esta ' +
		'olá obrigado voce nao com uma meu minha bonjour merci pour avec les des une est pas ' +
		'hallo danke der die das und ist nicht mit ich'
	).split(' '),
);

/** The words worth matching on: three letters or more and not a stop word. */
export function keywords(text: string): string[] {
	return [...new Set(tokens(text).filter((t) => t.length >= 3 && !stopwords.has(t)))];
}

// A crude stem: words that share their first five letters match (refund/refunds, shipping/shipped).
export function sameWord(a: string, b: string): boolean {
	return a === b || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5));
}

export function overlap(words: readonly string[], others: readonly string[]): string[] {
	return words.filter((w) => others.some((o) => sameWord(w, o)));
}

// The same thing said in the languages customers write in, so a Spanish question finds English
// content: a tiny bilingual glossary, not a translator.
const concepts: readonly (readonly string[])[] = [
	[
		'price',
		'prices',
		'cost',
		'costs',
		'much',
		'cuesta',
		'cuestan',
		'precio',
		'precios',
		'preco',
		'custa',
		'prix',
	],
	['install', 'installation', 'installed', 'instalar', 'instalacion', 'instalarlo', 'instalacao'],
	['speed', 'fast', 'mbps', 'megas', 'velocidad', 'velocidade', 'rapido'],
	['hours', 'open', 'opening', 'horario', 'abierto', 'abren', 'horaire'],
	['cancel', 'cancellation', 'cancelar', 'cancelacion', 'annuler'],
	['bill', 'invoice', 'factura', 'fatura', 'facture'],
	['address', 'direccion', 'endereco', 'adresse'],
];
const conceptOf = new Map(concepts.flatMap((group, index) => group.map((word) => [word, index])));

/** The same word (a crude stem), or the same thing in another language (the glossary above). */
export function related(a: string, b: string): boolean {
	if (sameWord(a, b)) return true;
	const concept = conceptOf.get(a);
	return concept !== undefined && concept === conceptOf.get(b);
}
