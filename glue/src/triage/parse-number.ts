// Reads a number the way people write it: "1,000" and "1.000" are a thousand, "29,99" and "29.99"
// the same price, "1.000,50" and "1,000.50" the same amount.

const spaces = /[\s\u00a0\u202f]/g;
const writtenNumber = /^(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)$/;

/**
 * The value of a written number, or NaN. With both separators, the last one is the decimal mark.
 * With one kind: repeated, or followed by exactly three digits after a non-zero integer part, it
 * groups thousands ("1,000", "2.500"); otherwise it is the decimal mark ("29,99", "0,500").
 */
export function parseNumber(written: string): number {
	let s = written.replace(spaces, '');
	if (!writtenNumber.test(s)) return Number.NaN;
	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	if (lastDot >= 0 && lastComma >= 0) {
		const decimal = lastDot > lastComma ? '.' : ',';
		const grouping = decimal === '.' ? ',' : '.';
		s = s.split(grouping).join('').replace(decimal, '.');
	} else if (lastDot >= 0 || lastComma >= 0) {
		const mark = lastDot >= 0 ? '.' : ',';
		const parts = s.split(mark);
		const integer = parts[0] ?? '';
		const fraction = parts.at(-1) ?? '';
		const grouping = parts.length > 2 || (fraction.length === 3 && !/^0*$/.test(integer));
		s = grouping ? parts.join('') : `${integer}.${fraction}`;
	}
	return /^\d+(?:\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export function countDigits(written: string): number {
	return written.replace(/\D/g, '').length;
}
