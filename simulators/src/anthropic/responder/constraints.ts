// The SDK's schema transform (lib/transform-json-schema.ts) moves keywords the API does not support
// (minimum, maxLength, pattern, minItems > 1, …) into the description as `{key: <json>, …}`. A real
// model reads them there, so the responder honours them from there as well as from the schema.

export interface Constraints {
	minimum?: number;
	maximum?: number;
	exclusiveMinimum?: number;
	exclusiveMaximum?: number;
	multipleOf?: number;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	format?: string;
	minItems?: number;
	maxItems?: number;
}

const numericKeys = [
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'multipleOf',
	'minLength',
	'maxLength',
	'minItems',
	'maxItems',
] as const;

// Scans one JSON value from `text` at `start`; returns the index just after it.
function scanValue(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i += 1) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i += 1;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth += 1;
		else if (c === '}' || c === ']') {
			if (depth === 0) return i;
			depth -= 1;
		} else if (c === ',' && depth === 0) return i;
	}
	return text.length;
}

/** Reads the trailing `{key: value, …}` the SDK appends; an unreadable tail yields nothing. */
export function describedKeywords(description: string): Record<string, unknown> {
	const open = description.lastIndexOf('\n\n{');
	const start = open >= 0 ? open + 2 : description.startsWith('{') ? 0 : -1;
	if (start < 0 || !description.trimEnd().endsWith('}')) return {};
	const found: Record<string, unknown> = {};
	let i = start + 1;
	const body = description.trimEnd();
	while (i < body.length - 1) {
		const colon = body.indexOf(': ', i);
		if (colon < 0) return {};
		const key = body.slice(i, colon).trim();
		const end = scanValue(body, colon + 2);
		try {
			found[key] = JSON.parse(body.slice(colon + 2, end));
		} catch {
			return {};
		}
		i = end + 1;
		while (body[i] === ' ') i += 1;
	}
	return found;
}

export function constraintsOf(schema: Record<string, unknown>): Constraints {
	const merged: Record<string, unknown> = {
		...(typeof schema.description === 'string' ? describedKeywords(schema.description) : {}),
		...schema,
	};
	const constraints: Constraints = {};
	for (const key of numericKeys) {
		const value = merged[key];
		if (typeof value === 'number' && Number.isFinite(value)) constraints[key] = value;
	}
	if (typeof merged.pattern === 'string') constraints.pattern = merged.pattern;
	if (typeof merged.format === 'string') constraints.format = merged.format;
	return constraints;
}
