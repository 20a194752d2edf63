// What the apply did (or, in a dry run, would do), one entry per thing the config describes.

export type ChangeAction = 'create' | 'update' | 'unchanged';

export type ChangeKind =
	| 'label'
	| 'custom attribute'
	| 'team'
	| 'agent bot'
	| 'inbox'
	| 'account webhook'
	| 'directus department';

export interface ConfigChange {
	action: ChangeAction;
	kind: ChangeKind;
	/** As printed: slugs bare (`dept-sales`), names quoted (`"Switchboard Triage"`). */
	name: string;
	/** For updates: the fields that differ, e.g. `outgoing_url`. */
	fields: string[];
}

const SIGNS: Record<ChangeAction, string> = { create: '+', update: '~', unchanged: '=' };

/** `+ label dept-sales`, `~ agent bot "Switchboard Triage" outgoing_url`. */
export function formatChange(change: ConfigChange): string {
	const fields = change.action === 'update' ? ` ${change.fields.join(', ')}` : '';
	return `${SIGNS[change.action]} ${change.kind} ${change.name}${fields}`;
}

/** One line per create or update, then `= N unchanged`. */
export function formatChanges(changes: readonly ConfigChange[]): string[] {
	const lines = changes.filter((c) => c.action !== 'unchanged').map(formatChange);
	const unchanged = changes.filter((c) => c.action === 'unchanged').length;
	return unchanged > 0 ? [...lines, `= ${unchanged} unchanged`] : lines;
}

export function quoted(name: string): string {
	return JSON.stringify(name);
}

/**
 * The keys of `wanted` (undefined ones skipped) whose values differ from `actual`'s. Values are
 * compared as JSON after `normalise`, which maps Chatwoot's equivalent spellings (null and "") to one.
 */
export function differingFields(
	wanted: Record<string, unknown>,
	actual: Record<string, unknown>,
	normalise: (key: string, value: unknown) => unknown = (_key, value) => value ?? null,
): string[] {
	return Object.keys(wanted).filter(
		(key) =>
			wanted[key] !== undefined &&
			JSON.stringify(normalise(key, wanted[key])) !== JSON.stringify(normalise(key, actual[key])),
	);
}

/** Only the `fields` of `input`: what an update sends. */
export function pick<T extends object>(input: T, fields: readonly string[]): Partial<T> {
	return Object.fromEntries(
		Object.entries(input).filter(([key]) => fields.includes(key)),
	) as Partial<T>;
}
