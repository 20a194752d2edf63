// How deep a JSON text nests, without parsing it: bodies nested thousands deep cost stack in every
// recursive reader after JSON.parse (zod, JSON.stringify, Postgres's jsonb), so they are refused first.

const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when brackets outside strings nest deeper than `max`. */
export function nestsDeeperThan(raw: Buffer, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < raw.length; i += 1) {
		const byte = raw[i] as number;
		if (inString) {
			if (byte === BACKSLASH) i += 1;
			else if (byte === QUOTE) inString = false;
		} else if (byte === QUOTE) {
			inString = true;
		} else if (OPEN.has(byte)) {
			depth += 1;
			if (depth > max) return true;
		} else if (CLOSE.has(byte)) {
			depth -= 1;
		}
	}
	return false;
}
