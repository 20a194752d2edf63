// ${NAME} and ${NAME:-default} in the config's string values, filled from the environment. Values
// only, after YAML parsing, so an environment value can never change the file's structure.

export type Environment = Readonly<Record<string, string | undefined>>;

export interface TemplateIssue {
	path: PropertyKey[];
	message: string;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** The document with every placeholder filled, or the issues naming each unset variable. */
export function fillTemplates(
	document: unknown,
	env: Environment,
): { value: unknown; issues: TemplateIssue[] } {
	const issues: TemplateIssue[] = [];
	const fill = (value: unknown, path: PropertyKey[]): unknown => {
		if (typeof value === 'string') return fillString(value, env, path, issues);
		if (Array.isArray(value)) return value.map((item, index) => fill(item, [...path, index]));
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(
				Object.entries(value).map(([key, item]) => [key, fill(item, [...path, key])]),
			);
		}
		return value;
	};
	return { value: fill(document, []), issues };
}

function fillString(
	value: string,
	env: Environment,
	path: PropertyKey[],
	issues: TemplateIssue[],
): string {
	return value.replace(
		PLACEHOLDER,
		(match, name: string, fallback: string | undefined, offset: number) => {
			// `KEY=` copied from .env.example means "not set".
			const set = env[name] || fallback;
			if (set === undefined) {
				issues.push({ path, message: `needs the environment variable ${name}, which is not set` });
				return '';
			}
			// "${GATEWAY_PUBLIC_URL}/webhooks" with a value ending in "/" must not become "…//webhooks".
			return value[offset + match.length] === '/' ? set.replace(/\/+$/, '') : set;
		},
	);
}
