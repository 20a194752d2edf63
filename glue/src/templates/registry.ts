// The variable providers a template may draw on, by namespace. Adding a provider (appointments,
// broadcasts) is one entry here; validation and previews learn its variables from it.
import { formatValue, type FormatOptions } from './format.ts';
import { contactProvider } from './providers/contact.ts';
import { businessProvider } from './providers/business.ts';
import { departmentProvider } from './providers/department.ts';
import { promotionProvider } from './providers/promotion.ts';
import { appointmentProvider } from './providers/appointment.ts';
import { broadcastProvider } from './providers/broadcast.ts';
import { stageProvider } from './providers/stage.ts';
import type {
	RawValue,
	TemplateContext,
	VariableNameOf,
	VariableProvider,
	VariableSpec,
	VariableType,
} from './variables.ts';

export interface FoundVariable {
	provider: VariableProvider;
	spec: VariableSpec;
}

export interface CatalogEntry {
	/** As written in a template, e.g. "contact.first_name". */
	name: string;
	type: VariableType;
	description: string;
	/** The sample, formatted for the catalog's locale. */
	sample: string;
}

export interface VariableRegistry {
	readonly providers: readonly VariableProvider[];
	/** The variable a canonical name ("contact.first_name") refers to; null when none does. */
	find(name: string): FoundVariable | null;
	/** Every variable's name, provider by provider. */
	names(): string[];
	/**
	 * The customer-ready text of each named variable (null: no value here). With `samples`, a
	 * variable without a value gets its sample instead (previews). Unknown names are left out.
	 */
	resolve(
		names: readonly string[],
		context: TemplateContext,
		options?: { samples?: boolean },
	): Map<string, string | null>;
}

/** Throws when two providers claim one namespace: a variable must mean one thing. */
export function createVariableRegistry(providers: readonly VariableProvider[]): VariableRegistry {
	const byNamespace = new Map<string, VariableProvider>();
	for (const provider of providers) {
		if (byNamespace.has(provider.namespace)) {
			throw new Error(
				`templates: two variable providers use the namespace "${provider.namespace}"`,
			);
		}
		byNamespace.set(provider.namespace, provider);
	}
	const find = (name: string): FoundVariable | null => {
		const [namespace, variable, ...rest] = name.split('.');
		const provider = byNamespace.get(namespace ?? '');
		const spec = provider?.variables.find((candidate) => candidate.name === variable);
		return provider && spec && rest.length === 0 ? { provider, spec } : null;
	};
	return {
		providers,
		find,
		names: () =>
			providers.flatMap((provider) =>
				provider.variables.map((spec) => `${provider.namespace}.${spec.name}`),
			),
		resolve(names, context, options = {}) {
			const format: FormatOptions = { locale: context.locale, timeZone: context.timeZone };
			const resolved = new Map<string, Partial<Record<string, RawValue | null>>>();
			const values = new Map<string, string | null>();
			for (const name of names) {
				const found = find(name);
				if (!found) continue;
				const { provider, spec } = found;
				if (!resolved.has(provider.namespace)) {
					resolved.set(provider.namespace, provider.resolve(context));
				}
				const raw = resolved.get(provider.namespace)?.[spec.name] ?? null;
				const value = raw ?? (options.samples ? spec.sample : null);
				const text = value === null ? null : formatValue(spec.type, value, format);
				values.set(name, text === null || text.trim() === '' ? null : text);
			}
			return values;
		},
	};
}

const DEFAULT_PROVIDERS = [
	contactProvider,
	businessProvider,
	departmentProvider,
	promotionProvider,
	stageProvider,
	appointmentProvider,
	broadcastProvider,
] as const;

/** Every variable a template can use today, e.g. "contact.first_name". */
export type VariableName = VariableNameOf<(typeof DEFAULT_PROVIDERS)[number]>;

export const defaultRegistry: VariableRegistry = createVariableRegistry(DEFAULT_PROVIDERS);

/** The variables marketing can use, with a formatted sample each (for notes, a node's list). */
export function variableCatalog(
	registry: VariableRegistry = defaultRegistry,
	format: FormatOptions = { locale: 'en', timeZone: 'UTC' },
): CatalogEntry[] {
	return registry.providers.flatMap((provider) =>
		provider.variables.map((spec) => ({
			name: `${provider.namespace}.${spec.name}`,
			type: spec.type,
			description: spec.description,
			sample: formatValue(spec.type, spec.sample, format),
		})),
	);
}
