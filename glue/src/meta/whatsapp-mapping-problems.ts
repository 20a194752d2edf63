// Does a message template's parameter mapping fit the template Meta approved? Each problem is a
// sentence for the marketing person who wrote the mapping (Directus shows them at save).
import { z } from 'zod/v4';
import {
	approvedTemplateComponentSchema,
	approvedTemplateSchema,
	type ApprovedTemplate,
	type ApprovedTemplateComponent,
	type ApprovedTemplateInput,
} from './whatsapp-approved-template.ts';
import {
	whatsappTemplateMappingSchema,
	type WhatsAppMappingParameter,
} from './whatsapp-template-mapping.ts';
import {
	templateParameters,
	type ButtonParameter,
	type HeaderParameter,
	type TemplateParameters,
} from './whatsapp-template-parameters.ts';

export interface MappingCheckOptions {
	/** Accept a template Meta has not approved (yet): a draft may be mapped while Meta reviews it. */
	allowUnapproved?: boolean;
}

type Params<C extends WhatsAppMappingParameter['component']> = Extract<
	WhatsAppMappingParameter,
	{ component: C }
>[];

/**
 * Problems in plain words; an empty list means the mapping fits. `approved` is the approved
 * template as Meta lists it (then its status and category are checked too) or only its components.
 */
export function whatsappMappingProblems(
	mapping: unknown,
	approved: ApprovedTemplate | ApprovedTemplateInput | readonly unknown[],
	options: MappingCheckOptions = {},
): string[] {
	const parsed = whatsappTemplateMappingSchema.safeParse(mapping);
	if (!parsed.success) {
		return [
			`The WhatsApp template mapping cannot be read (${z.prettifyError(parsed.error).replace(/\s*\n\s*/g, ' ')}): it needs the approved template's name and which variable fills each parameter.`,
		];
	}
	const { name, category, parameters } = parsed.data;
	const template = Array.isArray(approved)
		? { components: z.array(approvedTemplateComponentSchema).parse(approved) }
		: approvedTemplateSchema.parse(approved);
	const title = `The approved template '${name}'`;
	const problems: string[] = [];
	if ('status' in template) {
		if (!options.allowUnapproved && template.status !== 'APPROVED') {
			problems.push(
				`The WhatsApp template '${name}' (${template.language}) is ${template.status.toLowerCase()} at Meta, not approved: it cannot be sent until Meta approves it.`,
			);
		}
		if (category && template.category && category !== template.category) {
			problems.push(
				`${title} is a ${template.category.toLowerCase()} template at Meta, but this one says ${category.toLowerCase()}.`,
			);
		}
	}
	const params = templateParameters({
		name,
		language: 'any',
		parameter_format: formatOf(template.components),
		components: template.components,
	});
	const of = <C extends WhatsAppMappingParameter['component']>(component: C) =>
		parameters.filter((p): p is Params<C>[number] => p.component === component);
	problems.push(...headerProblems(of('header'), params.header, title));
	problems.push(...bodyProblems(of('body'), params, title));
	problems.push(...buttonProblems(of('button'), params.buttons, title));
	return problems;
}

/** Named when any body or header placeholder is not a number ({{first_name}}). */
function formatOf(components: readonly ApprovedTemplateComponent[]): 'POSITIONAL' | 'NAMED' {
	const texts = components.map((c) => (typeof c.text === 'string' ? c.text : ''));
	return texts.some((text) => /\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/.test(text))
		? 'NAMED'
		: 'POSITIONAL';
}

function headerProblems(
	mapped: Params<'header'>,
	header: HeaderParameter | null,
	title: string,
): string[] {
	if (mapped.length > 1)
		return [`The mapping fills the header ${mapped.length} times; it takes one value.`];
	const [given] = mapped;
	if (header === null) {
		return given
			? [
					`${title} has no header to fill, but the mapping fills the header with '${given.variable}'.`,
				]
			: [];
	}
	if (given) return [];
	if (header.kind === 'text') {
		return [`${title} has a header with a value to fill, but the mapping fills none.`];
	}
	const what = header.kind === 'location' ? 'a location' : `the ${header.kind}'s link`;
	return [
		`${title} has ${article(header.kind)} ${header.kind} header, which needs a variable holding ${what}, but the mapping names none.`,
	];
}

function bodyProblems(mapped: Params<'body'>, params: TemplateParameters, title: string): string[] {
	const expected = params.body;
	if (params.format === 'NAMED') {
		const given = mapped.map(
			(p) => p.name ?? (p.position === undefined ? '?' : `{{${p.position}}}`),
		);
		const missing = expected.filter((param) => !given.includes(param));
		const unknown = given.filter((param) => !expected.includes(param));
		return [
			...missing.map(
				(param) => `${title} needs a value for ${param} in its body, but the mapping fills none.`,
			),
			...unknown.map(
				(param) =>
					`The mapping fills ${param} in the body, but ${lower(title)} has no such parameter (it has ${expected.join(', ') || 'none'}).`,
			),
			...twice(given).map((param) => `The mapping fills ${param} in the body twice.`),
		];
	}
	const positions = mapped.map((p) => p.position);
	if (positions.some((position) => position === undefined)) {
		return [
			`${title} numbers its body parameters ({{1}}, {{2}}, …): give each mapped body parameter its number.`,
		];
	}
	const problems: string[] = [];
	if (mapped.length !== expected.length) {
		problems.push(
			`${title} has ${count(expected.length, 'body parameter')} but the mapping fills ${mapped.length}.`,
		);
	}
	for (const position of new Set(positions as number[])) {
		if (position > expected.length) {
			problems.push(
				`The mapping fills {{${position}}} in the body, but ${lower(title)} ${expected.length ? `goes up to {{${expected.length}}}` : 'has no body parameters'}.`,
			);
		}
	}
	for (const position of twice(positions as number[])) {
		problems.push(`The mapping fills {{${position}}} in the body twice.`);
	}
	return problems;
}

function buttonProblems(
	mapped: Params<'button'>,
	buttons: ButtonParameter[],
	title: string,
): string[] {
	const problems: string[] = [];
	for (const index of twice(mapped.map((p) => p.index))) {
		problems.push(`The mapping fills button ${index + 1} twice.`);
	}
	for (const { index, subType } of mapped) {
		const button = buttons.find((b) => b.index === index);
		if (!button) {
			problems.push(
				`The mapping fills button ${index + 1}, but ${lower(title)} has no button there that takes a value.`,
			);
		} else if (subType && subType.toUpperCase() !== button.type) {
			problems.push(
				`Button ${index + 1} of ${lower(title)} is ${buttonKind(button.type)}, but the mapping fills it as ${buttonKind(subType.toUpperCase())}.`,
			);
		}
	}
	for (const button of buttons) {
		if (!button.required || mapped.some((p) => p.index === button.index)) continue;
		const label = button.text ? ` ('${button.text}')` : '';
		problems.push(
			`Button ${button.index + 1}${label} of ${lower(title)} needs a value (${buttonValue(button.type)}), but the mapping fills none.`,
		);
	}
	return problems;
}

function buttonKind(type: string): string {
	if (type === 'URL') return 'a link button';
	if (type === 'COPY_CODE') return 'a copy-code button';
	if (type === 'QUICK_REPLY') return 'a quick-reply button';
	if (type === 'OTP') return 'a one-time-code button';
	return `a ${type.toLowerCase().replace(/_/g, ' ')} button`;
}

function buttonValue(type: string): string {
	if (type === 'URL') return 'the end of its link';
	if (type === 'COPY_CODE') return 'the code to copy';
	if (type === 'OTP') return 'the one-time code';
	return 'its payload';
}

function twice<T>(values: readonly T[]): T[] {
	return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
const lower = (sentence: string) => sentence.charAt(0).toLowerCase() + sentence.slice(1);
