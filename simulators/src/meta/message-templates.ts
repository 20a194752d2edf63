// The WABA's message templates: Meta's node shape, the parameters a send must carry, and the check
// of a template send against them (132000 / 132001 / 132015 / 132016).
import { createHash } from 'node:crypto';
import type { TemplateDefinition } from './config.ts';
import {
	waTemplateMissing,
	waTemplateParamNames,
	waTemplateParams,
	waTemplateUnavailable,
} from './error-catalog.ts';
import type { TemplateSend } from './whatsapp-schemas.ts';

/** Meta's id for a template: 15–16 digits, here derived from name and language so it stays put. */
export function templateId(template: TemplateDefinition): string {
	if (template.id) return template.id;
	const hash = createHash('sha256').update(`${template.name}\0${template.language}`).digest();
	return String(1_000_000_000_000_000n + (hash.readBigUInt64BE() % 900_000_000_000_000n));
}

/** The node as GET /{waba-id}/message_templates lists it (every field; `fields` picks). */
export function templateNode(template: TemplateDefinition): Record<string, unknown> {
	return {
		name: template.name,
		parameter_format: template.parameter_format,
		components: template.components,
		language: template.language,
		status: template.status,
		category: template.category,
		...(template.rejected_reason ? { rejected_reason: template.rejected_reason } : {}),
		id: templateId(template),
	};
}

interface Expected {
	header: number;
	body: string[];
	/** Buttons that take a value, by index; `required` false for a quick reply's payload. */
	buttons: Map<number, { type: string; required: boolean }>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const placeholders = (text: unknown) =>
	typeof text === 'string' ? [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))] : [];

function expectedOf(template: TemplateDefinition): Expected {
	const expected: Expected = { header: 0, body: [], buttons: new Map() };
	for (const component of template.components as Record<string, unknown>[]) {
		if (component.type === 'HEADER') {
			const format = component.format ?? 'TEXT';
			expected.header = format === 'TEXT' ? Math.min(placeholders(component.text).length, 1) : 1;
		} else if (component.type === 'BODY') {
			expected.body = placeholders(component.text);
		} else if (component.type === 'BUTTONS' && Array.isArray(component.buttons)) {
			(component.buttons as Record<string, unknown>[]).forEach((button, index) => {
				const type = String(button.type);
				if (type === 'URL' && placeholders(button.url).length > 0)
					expected.buttons.set(index, { type, required: true });
				if (type === 'COPY_CODE' || type === 'OTP')
					expected.buttons.set(index, { type, required: true });
				if (type === 'QUICK_REPLY') expected.buttons.set(index, { type, required: false });
			});
		}
	}
	return expected;
}

type SendComponent = NonNullable<TemplateSend['components']>[number];

/** The approved template a send names, or Meta's error for a send it would refuse. */
export function checkTemplateSend(
	templates: readonly TemplateDefinition[],
	send: TemplateSend,
): TemplateDefinition {
	const template = templates.find((t) => t.name === send.name && t.language === send.language.code);
	if (!template) throw waTemplateMissing(send.name, send.language.code);
	if (template.status !== 'APPROVED') throw waTemplateUnavailable(template.status);
	const expected = expectedOf(template);
	const components = send.components ?? [];
	const ofType = (type: string) => components.filter((c) => c.type.toLowerCase() === type);
	const count = (list: SendComponent[]) =>
		list.reduce((n, c) => n + (c.parameters?.length ?? 0), 0);

	const header = count(ofType('header'));
	if (header !== expected.header) throw waTemplateParams(header, expected.header, 'header');
	const body = ofType('body');
	const bodyCount = count(body);
	if (bodyCount !== expected.body.length) throw waTemplateParams(bodyCount, expected.body.length);
	if (template.parameter_format === 'NAMED') checkNames(body, expected.body);

	const sent = new Map<number, SendComponent>();
	for (const button of ofType('button')) sent.set(Number(button.index), button);
	for (const [index, button] of sent) {
		const want = expected.buttons.get(index);
		const got = button.parameters?.length ?? 0;
		if (!want) throw waTemplateParams(got, 0, `button at index ${index}`);
		if (got !== 1) throw waTemplateParams(got, 1, `button at index ${index} (${want.type})`);
	}
	for (const [index, want] of expected.buttons) {
		if (want.required && !sent.has(index))
			throw waTemplateParams(0, 1, `button at index ${index} (${want.type})`);
	}
	return template;
}

function checkNames(body: SendComponent[], names: string[]): void {
	const given = body.flatMap((c) => (c.parameters ?? []).map((p) => p.parameter_name));
	const missing = names.filter((name) => !given.includes(name));
	if (missing.length > 0) {
		throw waTemplateParamNames(
			`body: parameter_name missing or unknown; expected ${names.join(', ')}, missing ${missing.join(', ')}`,
		);
	}
}
