import type { z } from 'zod/v4';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

// The real API answers one pydantic-style line, "<dotted.path>: <what is wrong>", e.g.
// "temperature: Extra inputs are not permitted" (reference/anthropic.md §0.3, §5.2).
const typeWords: Record<string, string> = {
	string: 'a valid string',
	number: 'a valid number',
	int: 'a valid integer',
	boolean: 'a valid boolean',
	array: 'a valid list',
	object: 'a valid dictionary',
	record: 'a valid dictionary',
};

function dotted(path: readonly PathKey[]): string {
	return path.map(String).join('.');
}

function line(path: readonly PathKey[], text: string): string {
	return path.length ? `${dotted(path)}: ${text}` : text;
}

function quoteAll(values: readonly unknown[]): string {
	const quoted = values.map((v) => `'${String(v)}'`);
	return quoted.length > 1
		? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
		: (quoted[0] ?? '');
}

function describe(issue: Issue, base: readonly PathKey[]): string {
	const path = [...base, ...issue.path];
	switch (issue.code) {
		case 'unrecognized_keys':
			return line([...path, issue.keys[0] ?? ''], 'Extra inputs are not permitted');
		case 'invalid_type':
			if (issue.input === undefined) return line(path, 'Field required');
			return line(
				path,
				`Input should be ${typeWords[issue.expected] ?? `a valid ${issue.expected}`}`,
			);
		case 'invalid_value':
			return line(path, `Input should be ${quoteAll(issue.values)}`);
		case 'too_small':
			return line(
				path,
				issue.origin === 'array' || issue.origin === 'string'
					? `should have at least ${issue.minimum} ${issue.origin === 'array' ? 'item' : 'character'}${Number(issue.minimum) === 1 ? '' : 's'}`
					: `Input should be greater than or equal to ${issue.minimum}`,
			);
		case 'too_big':
			return line(
				path,
				issue.origin === 'array' || issue.origin === 'string'
					? `should have at most ${issue.maximum} ${issue.origin === 'array' ? 'items' : 'characters'}`
					: `Input should be less than or equal to ${issue.maximum}`,
			);
		case 'invalid_union':
			return describeUnion(issue, path);
		default:
			return line(path, issue.message);
	}
}

// A union failed: report the branch that got furthest; when every branch failed on the type itself,
// list the accepted types ("Input should be a valid string or a valid list").
function describeUnion(
	issue: Extract<Issue, { code: 'invalid_union' }>,
	path: readonly PathKey[],
): string {
	const firstOf = issue.errors
		.map((branch) => branch[0])
		.filter((i): i is Issue => i !== undefined);
	if (firstOf.length === 0) return line(path, 'Input tag does not match any of the expected tags');
	const deepest = firstOf.reduce<Issue | undefined>(
		(best, i) => (!best || i.path.length > best.path.length ? i : best),
		undefined,
	);
	if (deepest && deepest.path.length > 0) return describe(deepest, path);
	const expected = firstOf.flatMap((i) =>
		i.code === 'invalid_type' ? [typeWords[i.expected] ?? i.expected] : [],
	);
	if (expected.length === firstOf.length) {
		return line(path, `Input should be ${expected.join(' or ')}`);
	}
	return deepest ? describe(deepest, path) : line(path, issue.message);
}

/** The one message the API would answer for these issues; extra fields are reported first. */
export function describeIssues(issues: readonly Issue[]): string {
	const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
	return first ? describe(first, []) : 'Invalid request';
}
