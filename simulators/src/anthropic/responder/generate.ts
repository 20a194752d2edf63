import { chooseBoolean, chooseOption, pointedOption } from './choose.ts';
import { constraintsOf } from './constraints.ts';
import { type Facts, relevantIds } from './facts.ts';
import { generateNumber } from './numbers.ts';
import { generateString, nameWords } from './strings.ts';

export type JsonValue =
	| null
	| boolean
	| number
	| string
	| JsonValue[]
	| { [key: string]: JsonValue };
type Schema = Record<string, unknown>;

// Deeper than this, a recursive schema is cut short: optional variants become null, arrays empty.
const maxDepth = 6;

function isSchema(value: unknown): value is Schema {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Walk {
	root: Schema;
	facts: Facts;
}

// Local refs only (`#`, `#/$defs/x`, `#/definitions/x`), which is what zod's toJSONSchema emits.
function resolveRef(ref: string, root: Schema): Schema {
	if (!ref.startsWith('#')) return {};
	let node: unknown = root;
	for (const part of ref.slice(1).split('/').filter(Boolean)) {
		const key = decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'));
		node = isSchema(node) ? node[key] : undefined;
	}
	return isSchema(node) ? node : {};
}

function typeOf(schema: Schema): string | undefined {
	const type = schema.type;
	if (typeof type === 'string') return type;
	if (Array.isArray(type)) {
		return type.find((t): t is string => typeof t === 'string' && t !== 'null') ?? 'null';
	}
	if (isSchema(schema.properties)) return 'object';
	if (isSchema(schema.items)) return 'array';
	return undefined;
}

function mergeAllOf(parts: readonly unknown[], walk: Walk): Schema {
	const merged: Schema = { type: 'object', properties: {}, required: [] };
	for (const raw of parts) {
		const part =
			isSchema(raw) && typeof raw.$ref === 'string' ? resolveRef(raw.$ref, walk.root) : raw;
		if (!isSchema(part)) continue;
		if (typeOf(part) !== 'object') return part;
		Object.assign(merged.properties as Schema, part.properties);
		(merged.required as unknown[]).push(...(Array.isArray(part.required) ? part.required : []));
	}
	return merged;
}

function generateArray(schema: Schema, name: string, depth: number, walk: Walk): JsonValue[] {
	const c = constraintsOf(schema);
	const min = c.minItems ?? 0;
	const max = c.maxItems ?? Infinity;
	const items = isSchema(schema.items) ? schema.items : {};
	const words = nameWords(name);
	// Lists of content ids or keywords have a natural length; other lists get one element.
	let values: JsonValue[] | undefined;
	if (
		typeOf(items) === 'string' &&
		!items.enum &&
		/(^|_)(ids?|refs?|sources|citations)$/.test(words)
	) {
		values = relevantIds(walk.facts);
	} else if (
		typeOf(items) === 'string' &&
		!items.enum &&
		/keywords|tags|labels|topics/.test(words)
	) {
		values = walk.facts.userWords.slice(0, 3);
	}
	const count = Math.min(Math.max(values?.length ?? (depth >= maxDepth ? 0 : 1), min), max);
	const result = (values ?? []).slice(0, count);
	while (result.length < count) {
		const next = generateValue(items, name, depth + 1, walk);
		// uniqueItems is not in the supported subset; still avoid exact repeats where a string allows it.
		result.push(
			typeof next === 'string' && result.includes(next) ? `${next} ${result.length + 1}` : next,
		);
	}
	return result;
}

function generateObject(schema: Schema, depth: number, walk: Walk): { [key: string]: JsonValue } {
	const properties = isSchema(schema.properties) ? schema.properties : {};
	const required = new Set(Array.isArray(schema.required) ? schema.required : []);
	const result: { [key: string]: JsonValue } = {};
	for (const [key, property] of Object.entries(properties)) {
		// A real model fills every declared field; past the depth limit only the required ones.
		if (depth >= maxDepth && !required.has(key)) continue;
		result[key] = generateValue(property, key, depth + 1, walk);
	}
	return result;
}

function generateValue(raw: unknown, name: string, depth: number, walk: Walk): JsonValue {
	if (!isSchema(raw)) return generateString(name, {}, walk.facts);
	const schema = typeof raw.$ref === 'string' ? resolveRef(raw.$ref, walk.root) : raw;
	if (schema.const !== undefined) return schema.const as JsonValue;
	if (Array.isArray(schema.enum)) return chooseOption(schema.enum, walk.facts) as JsonValue;
	const variants = Array.isArray(schema.anyOf)
		? schema.anyOf
		: Array.isArray(schema.oneOf)
			? schema.oneOf
			: undefined;
	if (variants) {
		const isNull = (v: unknown) => isSchema(v) && v.type === 'null';
		const pick = depth >= maxDepth ? variants.find(isNull) : variants.find((v) => !isNull(v));
		// A nullable choice the message says nothing about stays null, as a model leaves "the day
		// they want" empty when no day was named.
		if (variants.some(isNull) && isSchema(pick) && Array.isArray(pick.enum)) {
			const pointed = pointedOption(pick.enum, walk.facts);
			if (pointed === undefined) return null;
		}
		return generateValue(pick ?? variants[0], name, depth, walk);
	}
	if (Array.isArray(schema.allOf)) {
		return generateValue(mergeAllOf(schema.allOf, walk), name, depth, walk);
	}
	const constraints = constraintsOf(schema);
	switch (typeOf(schema)) {
		case 'object':
			return generateObject(schema, depth, walk);
		case 'array':
			return generateArray(schema, name, depth, walk);
		case 'number':
			return generateNumber(nameWords(name), constraints, false, walk.facts);
		case 'integer':
			return generateNumber(nameWords(name), constraints, true, walk.facts);
		case 'boolean':
			return chooseBoolean(nameWords(name), walk.facts);
		case 'null':
			return null;
		default:
			return generateString(name, constraints, walk.facts);
	}
}

/** A value valid against `schema`, derived from the request's facts; same request, same value. */
export function generateFromSchema(schema: Record<string, unknown>, facts: Facts): JsonValue {
	return generateValue(schema, '', 0, { root: schema, facts });
}
