// Reading a template's text into literal pieces and {{variable}} slots. This is the only parser:
// rendering joins the pieces with values and never reads the result again, so a value containing
// "{{" (a customer called "{{admin}}") or markup stays exactly as it was.

export type TextPiece =
	| { kind: 'text'; text: string }
	/** `name` is the canonical variable name (legacy names mapped); `written` is what the text says. */
	| { kind: 'variable'; name: string; written: string };

export interface ParsedText {
	pieces: TextPiece[];
	/** Sentences for the person who wrote the text; empty when it reads cleanly. */
	problems: string[];
}

/** Names of the first messages' variables, before providers had namespaces; still accepted. */
export const LEGACY_VARIABLES: Readonly<Record<string, string>> = {
	contact_name: 'contact.name',
	department_name: 'department.name',
	opens_at: 'department.next_opening',
};

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

/** The variable a name refers to: lower-cased, trimmed, legacy names mapped to today's. */
export function canonicalVariable(name: string): string {
	const trimmed = name.trim().toLowerCase();
	return LEGACY_VARIABLES[trimmed] ?? trimmed;
}

/** A short quote of the text around `index`, so a problem can point at the place. */
function near(text: string, index: number): string {
	const start = Math.max(0, index - 15);
	const quote = text.slice(start, index + 20).replace(/\s+/g, ' ');
	return `${start > 0 ? '…' : ''}${quote}${index + 20 < text.length ? '…' : ''}`;
}

/**
 * The pieces of `text`. Single braces are ordinary characters; "{{" opens a variable that "}}"
 * must close before another "{{"; a "}}" with no "{{" before it is a problem too.
 */
export function parseText(text: string): ParsedText {
	const pieces: TextPiece[] = [];
	const problems: string[] = [];
	let literal = '';
	let at = 0;
	while (at < text.length) {
		const open = text.indexOf('{{', at);
		const close = text.indexOf('}}', at);
		if (close !== -1 && (open === -1 || close < open)) {
			problems.push(`There is a "}}" with no "{{" before it, near "${near(text, close)}".`);
			literal += text.slice(at, close + 2);
			at = close + 2;
			continue;
		}
		if (open === -1) {
			literal += text.slice(at);
			break;
		}
		literal += text.slice(at, open);
		const end = text.indexOf('}}', open + 2);
		const reopened = text.indexOf('{{', open + 2);
		if (end === -1 || (reopened !== -1 && reopened < end)) {
			problems.push(
				`A "{{" is never closed with "}}", near "${near(text, open)}". Write variables as {{contact.first_name}}.`,
			);
			literal += text.slice(open, open + 2);
			at = open + 2;
			continue;
		}
		const written = text.slice(open + 2, end).trim();
		if (!NAME.test(written.toLowerCase())) {
			problems.push(
				written === ''
					? `There is an empty "{{ }}", near "${near(text, open)}": put a variable name inside, e.g. {{contact.first_name}}.`
					: `"{{${written}}}" is not a variable name: use lower-case letters, digits and _, with one dot, e.g. {{contact.first_name}}.`,
			);
			literal += text.slice(open, end + 2);
			at = end + 2;
			continue;
		}
		if (literal) pieces.push({ kind: 'text', text: literal });
		literal = '';
		pieces.push({ kind: 'variable', name: canonicalVariable(written), written });
		at = end + 2;
	}
	if (literal) pieces.push({ kind: 'text', text: literal });
	return { pieces, problems };
}

/** The canonical names of the variables the text uses, each once, in order of first use. */
export function variablesOf(parsed: ParsedText): string[] {
	return [
		...new Set(parsed.pieces.flatMap((piece) => (piece.kind === 'variable' ? [piece.name] : []))),
	];
}
