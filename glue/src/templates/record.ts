// A Directus `message_templates` record (snake_case, as the reader and the save hook get it) to the
// template model. Studio edits fallbacks and WhatsApp parameters as lists of rows, so both are
// lists here; an object of fallbacks (variable → text) is read too.
import type { z } from 'zod/v4';
import { templateSchema, type Template, type TemplateInput } from './model.ts';
import { TemplateInvalidError } from './template-invalid-error.ts';

/** The Directus fields of a template, all of which the reader asks for. */
export const TEMPLATE_FIELDS = [
	'id',
	'key',
	'language',
	'channel',
	'status',
	'subject',
	'body',
	'fallbacks',
	'whatsapp_template_name',
	'whatsapp_language_code',
	'whatsapp_category',
	'whatsapp_parameters',
] as const;

/** Model field → the Directus field a person fixes. */
const DIRECTUS_FIELD: Record<string, string> = {
	whatsapp: 'whatsapp_parameters',
	'whatsapp.name': 'whatsapp_template_name',
	'whatsapp.languageCode': 'whatsapp_language_code',
	'whatsapp.category': 'whatsapp_category',
	'whatsapp.parameters': 'whatsapp_parameters',
};

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** null (an empty Directus field) becomes undefined, so the model's default applies. */
const given = (value: unknown) => (value === null || value === '' ? undefined : value);

function fallbacksOf(value: unknown): unknown {
	if (Array.isArray(value)) {
		return Object.fromEntries(
			value
				.filter(isRow)
				.filter((row) => typeof row.variable === 'string' && row.variable.trim() !== '')
				.map((row) => [String(row.variable).trim(), typeof row.text === 'string' ? row.text : '']),
		);
	}
	return given(value);
}

function parameterOf(row: unknown): unknown {
	if (!isRow(row)) return row;
	const { sub_type: subType, position, index, name, ...rest } = row;
	return {
		...rest,
		...(given(position) === undefined ? {} : { position: Number(position) }),
		...(given(index) === undefined ? {} : { index: Number(index) }),
		...(given(name) === undefined ? {} : { name }),
		...(given(subType) === undefined ? {} : { subType }),
	};
}

/** The model's input from a record (not yet checked). */
export function templateInput(record: Row): TemplateInput {
	const channel = given(record.channel);
	const whatsapp =
		channel === 'whatsapp_template' &&
		[record.whatsapp_template_name, record.whatsapp_parameters].some((v) => given(v) !== undefined)
			? {
					name: record.whatsapp_template_name,
					languageCode: record.whatsapp_language_code,
					category: record.whatsapp_category,
					parameters: Array.isArray(record.whatsapp_parameters)
						? record.whatsapp_parameters.map(parameterOf)
						: (given(record.whatsapp_parameters) ?? []),
				}
			: undefined;
	return {
		key: record.key,
		language: record.language,
		channel,
		status: given(record.status),
		subject:
			typeof record.subject === 'string' && record.subject.trim() ? record.subject : undefined,
		body: record.body,
		fallbacks: fallbacksOf(record.fallbacks),
		whatsapp,
	} as TemplateInput;
}

/** One zod issue as a sentence naming the Directus field. */
export function issueSentence(issue: z.core.$ZodIssue): string {
	const path = issue.path.map(String);
	const joined = path.join('.');
	const field =
		DIRECTUS_FIELD[joined] ??
		DIRECTUS_FIELD[path.slice(0, 2).join('.')] ??
		DIRECTUS_FIELD[path[0] ?? ''] ??
		path[0] ??
		'the record';
	const where =
		path.length > 1 && field === 'whatsapp_parameters' ? ` (row ${Number(path[2] ?? 0) + 1})` : '';
	return `"${field}"${where}: ${issue.message}.`;
}

/** Problems with the record's shape (missing body, unknown channel…), as sentences. */
export function shapeProblems(record: Row): { template: Template | null; problems: string[] } {
	const result = templateSchema.safeParse(templateInput(record));
	return result.success
		? { template: result.data, problems: [] }
		: { template: null, problems: result.error.issues.map(issueSentence) };
}

/** The template a record holds; TemplateInvalidError naming each field that is wrong. */
export function templateFromRecord(record: Row): Template {
	const { template, problems } = shapeProblems(record);
	if (template) return template;
	throw new TemplateInvalidError({
		key: typeof record.key === 'string' ? record.key : null,
		language: typeof record.language === 'string' ? record.language : null,
		problems,
	});
}
