// Checks a template before Directus saves it (the message-templates hook) and before a preview:
// every problem is a sentence for the marketing person who wrote it, naming what to change.
import { approvedTemplateSchema } from '../meta/whatsapp-approved-template.ts';
import { whatsappMappingProblems } from '../meta/whatsapp-mapping-problems.ts';
import {
	CHANNEL_LENGTH_LIMITS,
	EMAIL_SUBJECT_LIMIT,
	type ChannelKind,
	type Template,
} from './model.ts';
import { canonicalVariable, parseText, variablesOf } from './placeholders.ts';
import { shapeProblems } from './record.ts';
import { defaultRegistry, type VariableRegistry } from './registry.ts';
import { previewMessage } from './render.ts';

export interface TemplateCheckOptions {
	registry?: VariableRegistry;
	/**
	 * whatsapp_template only: the approved template its mapping names, as Meta lists it (a
	 * `whatsapp_approved_templates` record, or only its components), checked by meta's
	 * whatsappMappingProblems; null: looked up and not found; undefined: not checked.
	 */
	approved?: unknown;
}

const CHANNEL_NAMES: Record<ChannelKind, string> = {
	whatsapp_session: 'A WhatsApp message',
	messenger: 'A Messenger message',
	instagram: 'An Instagram message',
	whatsapp_template: 'A WhatsApp template body',
	email: 'An e-mail',
};

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
const length = (text: string) => [...text].length;

function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i += 1) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j += 1) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}

function unknownVariable(name: string, registry: VariableRegistry, where: string): string {
	const [namespace] = name.split('.');
	const provider = registry.providers.find((p) => p.namespace === namespace);
	if (provider && provider.variables.length === 0) {
		return `{{${name}}} ${where}: ${namespace} details cannot be used in messages yet.`;
	}
	const names = registry.names();
	const near = names
		.map((candidate) => ({ candidate, d: distance(name, candidate) }))
		.filter(({ d }) => d <= 3)
		.sort((a, b) => a.d - b.d)[0];
	const hint = near
		? ` Did you mean {{${near.candidate}}}?`
		: ` You can use: ${names.map((n) => `{{${n}}}`).join(', ')}.`;
	return `{{${name}}} ${where} is not a variable we know.${hint}`;
}

/** Problems with a template as the model holds it; an empty list means it can be used. */
export function templateProblems(template: Template, options: TemplateCheckOptions = {}): string[] {
	const registry = options.registry ?? defaultRegistry;
	const problems: string[] = [];
	const body = parseText(template.body);
	problems.push(...body.problems.map((p) => `In the text: ${p}`));
	const isEmail = template.channel === 'email';
	const subject = isEmail && template.subject ? parseText(template.subject) : null;
	problems.push(...(subject?.problems ?? []).map((p) => `In the subject: ${p}`));
	if (isEmail && !template.subject?.trim()) {
		problems.push('An e-mail template needs a subject.');
	}

	const unknown = (names: string[], where: string) =>
		names
			.filter((name) => !registry.find(name))
			.map((name) => unknownVariable(name, registry, where));
	problems.push(...unknown(variablesOf(body), 'in the text'));
	if (subject) problems.push(...unknown(variablesOf(subject), 'in the subject'));
	problems.push(
		...unknown(Object.keys(template.fallbacks).map(canonicalVariable), 'in the fallback texts'),
	);

	const mapping = template.channel === 'whatsapp_template' ? template.whatsapp : null;
	if (template.channel === 'whatsapp_template') {
		if (!mapping) {
			problems.push(
				'A WhatsApp template needs the approved template it sends: its name, language code and category, and which variable fills each of its parameters.',
			);
		} else {
			const mapped = mapping.parameters.map((p) => canonicalVariable(p.variable));
			problems.push(...unknown(mapped, 'in the WhatsApp parameters'));
			for (const name of variablesOf(body).filter((n) => !mapped.includes(n))) {
				problems.push(
					`{{${name}}} is in the text but no WhatsApp parameter is filled with it: add it to the parameters, or the customer will not see it.`,
				);
			}
			if (options.approved === null) {
				problems.push(
					`There is no approved WhatsApp template "${mapping.name}" (${mapping.languageCode}): pick one of the approved WhatsApp templates.`,
				);
			} else if (options.approved !== undefined) {
				problems.push(...mappingProblems(template, options.approved));
			}
		}
	}

	// Lengths with sample values in: what a customer would roughly get.
	if (problems.length === 0) problems.push(...lengthProblems(template, registry));
	return problems;
}

function mappingProblems(template: Template, approved: unknown): string[] {
	const mapping = template.whatsapp!;
	const allowUnapproved = template.status === 'draft';
	if (Array.isArray(approved)) {
		return whatsappMappingProblems(mapping, approved, { allowUnapproved });
	}
	const parsed = approvedTemplateSchema.safeParse(approved);
	if (!parsed.success) {
		return [
			`The approved WhatsApp template "${mapping.name}" (${mapping.languageCode}) could not be read: sync the approved templates from Meta again.`,
		];
	}
	return whatsappMappingProblems(mapping, parsed.data, { allowUnapproved });
}

function lengthProblems(template: Template, registry: VariableRegistry): string[] {
	const limit = CHANNEL_LENGTH_LIMITS[template.channel];
	const preview = previewMessage(template, { registry });
	const problems: string[] = [];
	const written = Math.max(length(template.body), length(preview.text));
	if (limit !== null && written > limit) {
		problems.push(
			`${CHANNEL_NAMES[template.channel]} can be at most ${limit} characters; this text is ${written} characters with sample values filled in. Shorten it.`,
		);
	}
	if (preview.subject !== null && length(preview.subject) > EMAIL_SUBJECT_LIMIT) {
		problems.push(
			`An e-mail subject should be at most ${EMAIL_SUBJECT_LIMIT} characters; this one is ${length(preview.subject)}.`,
		);
	}
	return problems;
}

/**
 * Problems with a Directus `message_templates` record (snake_case, an update already merged over
 * the saved record): its shape first, then templateProblems.
 */
export function recordProblems(
	record: Record<string, unknown>,
	options: TemplateCheckOptions = {},
): string[] {
	const { template, problems } = shapeProblems(record);
	return template ? templateProblems(template, options) : problems;
}
