// Filling a template in. The text is cut into literal pieces and variable slots once (placeholders.ts)
// and joined with the formatted values: nothing in a value is read again, so a name with "{{" or
// markup in it reaches the customer as written. A variable with no value takes its fallback text,
// or the render fails naming it (never "Hi ,").
import type { TemplateComponent } from '../meta/whatsapp-templates.ts';
import type { ChannelKind, Template, WhatsAppMapping } from './model.ts';
import { canonicalVariable, parseText, variablesOf, type ParsedText } from './placeholders.ts';
import { defaultRegistry, type VariableRegistry } from './registry.ts';
import { TemplateInvalidError } from './template-invalid-error.ts';
import { TemplateVariableMissingError } from './template-variable-missing-error.ts';
import type { TemplateContext } from './variables.ts';

export interface RenderedMessage {
	key: string;
	language: string;
	channel: ChannelKind;
	/** E-mail only. */
	subject: string | null;
	/** The body with its values in, as plain text. */
	text: string;
	/** whatsapp_template only: what the Cloud API's template send takes. */
	whatsapp: { name: string; languageCode: string; components: TemplateComponent[] } | null;
	/** Variables that had no value and used the template's fallback text. */
	usedFallbacks: string[];
}

export interface RenderOptions {
	registry?: VariableRegistry;
	/**
	 * Values the caller already holds in the customer's words, by variable name, which win over the
	 * providers' (e.g. the next opening exactly as the agents' note says it). Null: no value.
	 */
	values?: Readonly<Record<string, string | null>>;
}

function parsed(template: Template): { body: ParsedText; subject: ParsedText | null } {
	const body = parseText(template.body);
	const subject =
		template.channel === 'email' && template.subject ? parseText(template.subject) : null;
	return { body, subject };
}

function mappingVariables(mapping: WhatsAppMapping | null): string[] {
	return mapping?.parameters.map((parameter) => canonicalVariable(parameter.variable)) ?? [];
}

function join(text: ParsedText, values: ReadonlyMap<string, string>): string {
	return text.pieces
		.map((piece) => (piece.kind === 'text' ? piece.text : (values.get(piece.name) ?? '')))
		.join('');
}

function components(
	mapping: WhatsAppMapping,
	values: ReadonlyMap<string, string>,
): TemplateComponent[] {
	const text = (variable: string) => ({
		type: 'text' as const,
		text: values.get(canonicalVariable(variable)) ?? '',
	});
	const result: TemplateComponent[] = [];
	const header = mapping.parameters.filter((p) => p.component === 'header');
	if (header.length)
		result.push({ type: 'header', parameters: header.map((p) => text(p.variable)) });
	const body = mapping.parameters
		.flatMap((p) => (p.component === 'body' ? [p] : []))
		.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
	if (body.length) {
		result.push({
			type: 'body',
			parameters: body.map((p) => ({
				...text(p.variable),
				...(p.name ? { parameter_name: p.name } : {}),
			})),
		});
	}
	const buttons = mapping.parameters
		.flatMap((p) => (p.component === 'button' ? [p] : []))
		.sort((a, b) => a.index - b.index);
	for (const button of buttons) {
		const value = values.get(canonicalVariable(button.variable)) ?? '';
		result.push({
			type: 'button',
			sub_type: button.subType,
			index: String(button.index),
			parameters: [
				button.subType === 'quick_reply'
					? { type: 'payload', payload: value }
					: button.subType === 'copy_code'
						? { type: 'coupon_code', coupon_code: value }
						: { type: 'text', text: value },
			],
		});
	}
	return result;
}

function render(
	template: Template,
	context: TemplateContext,
	options: RenderOptions & { samples: boolean },
): RenderedMessage {
	const registry = options.registry ?? defaultRegistry;
	const text = parsed(template);
	const problems = [...text.body.problems, ...(text.subject?.problems ?? [])];
	const mapping = template.channel === 'whatsapp_template' ? template.whatsapp : null;
	const names = [
		...new Set([
			...variablesOf(text.body),
			...(text.subject ? variablesOf(text.subject) : []),
			...mappingVariables(mapping),
		]),
	];
	const unknown = names.filter((name) => !registry.find(name));
	if (unknown.length) {
		problems.push(...unknown.map((name) => `{{${name}}} is not a variable we know.`));
	}
	if (problems.length) {
		throw new TemplateInvalidError({ key: template.key, language: template.language, problems });
	}
	const given = new Map(
		Object.entries(options.values ?? {}).map(([name, value]) => [canonicalVariable(name), value]),
	);
	const resolved = registry.resolve(
		names.filter((name) => !given.has(name)),
		context,
		{ samples: options.samples },
	);
	for (const [name, value] of given) resolved.set(name, value?.trim() ? value : null);
	const fallbacks = new Map(
		Object.entries(template.fallbacks).map(([name, words]) => [canonicalVariable(name), words]),
	);
	const values = new Map<string, string>();
	const usedFallbacks: string[] = [];
	const missing: string[] = [];
	for (const name of names) {
		const value = resolved.get(name) ?? null;
		const fallback = fallbacks.get(name);
		if (value !== null) values.set(name, value);
		else if (fallback !== undefined && fallback.trim() !== '') {
			values.set(name, fallback);
			usedFallbacks.push(name);
		} else missing.push(name);
	}
	if (missing.length) {
		throw new TemplateVariableMissingError({
			key: template.key,
			language: template.language,
			variables: missing,
		});
	}
	return {
		key: template.key,
		language: template.language,
		channel: template.channel,
		subject: text.subject
			? join(text.subject, values)
			: template.channel === 'email'
				? (template.subject ?? null)
				: null,
		text: join(text.body, values),
		whatsapp: mapping
			? {
					name: mapping.name,
					languageCode: mapping.languageCode,
					components: components(mapping, values),
				}
			: null,
		usedFallbacks,
	};
}

/**
 * The message for one contact and conversation. Throws TemplateInvalidError when the template
 * cannot be read (a save-time check missed it, or it predates the checks), and
 * TemplateVariableMissingError naming each variable with neither a value nor fallback text.
 *
 * @example renderMessage(template, { locale: 'es-MX', timeZone: 'America/Mexico_City', now: new Date(), contact: { name: 'Ana' } })
 */
export function renderMessage(
	template: Template,
	context: TemplateContext,
	options: RenderOptions = {},
): RenderedMessage {
	return render(template, context, { ...options, samples: false });
}

export interface PreviewOptions extends RenderOptions {
	/** Default: the template's language. */
	locale?: string;
	/** Default: the context's business's zone, else UTC. */
	timeZone?: string;
	now?: Date;
	/** A real contact, department…; whatever it lacks is filled with the variables' samples. */
	context?: Partial<TemplateContext>;
}

/** The message with sample values wherever the given context has none (Studio previews). */
export function previewMessage(template: Template, options: PreviewOptions = {}): RenderedMessage {
	const context: TemplateContext = {
		...options.context,
		locale: options.locale ?? options.context?.locale ?? template.language,
		timeZone:
			options.timeZone ?? options.context?.timeZone ?? options.context?.business?.timeZone ?? 'UTC',
		now: options.now ?? options.context?.now ?? new Date(),
	};
	return render(template, context, { ...options, samples: true });
}
