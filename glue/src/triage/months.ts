// Month names in the languages the business is likely to answer in, for reading written dates.
const names: Array<[number, string[]]> = [
	[1, ['january', 'jan', 'enero', 'janeiro', 'janvier', 'januar', 'gennaio']],
	[2, ['february', 'feb', 'febrero', 'fevereiro', 'février', 'fevrier', 'februar', 'febbraio']],
	[3, ['march', 'mar', 'marzo', 'março', 'marco', 'mars', 'märz', 'marz']],
	[4, ['april', 'apr', 'abril', 'avril', 'aprile']],
	[5, ['may', 'mayo', 'maio', 'mai', 'maggio']],
	[6, ['june', 'jun', 'junio', 'junho', 'juin', 'juni', 'giugno']],
	[7, ['july', 'jul', 'julio', 'julho', 'juillet', 'juli', 'luglio']],
	[8, ['august', 'aug', 'agosto', 'août', 'aout']],
	[
		9,
		['september', 'sept', 'sep', 'septiembre', 'setiembre', 'setembro', 'septembre', 'settembre'],
	],
	[10, ['october', 'oct', 'octubre', 'outubro', 'octobre', 'oktober', 'ottobre']],
	[11, ['november', 'nov', 'noviembre', 'novembro', 'novembre']],
	[
		12,
		['december', 'dec', 'diciembre', 'dezembro', 'décembre', 'decembre', 'dezember', 'dicembre'],
	],
];

const byName = new Map(
	names.flatMap(([month, list]) => list.map((name) => [name, month] as const)),
);

/** A regex alternation of every month name, longest first so "sept" wins over "sep". */
export const MONTH_PATTERN = [...byName.keys()]
	.sort((a, b) => b.length - a.length)
	.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
	.join('|');

/** 1–12 for a month name in any case, or undefined. */
export function monthNumber(name: string): number | undefined {
	return byName.get(name.toLowerCase());
}
