// Which parameters an approved template needs at send time (reference/meta.md §3.2): one for a
// header with a {{…}} or a media format, one per distinct {{…}} in the body, and one per button
// whose value is given at send (a URL ending in {{1}}, a copy-code or OTP code, optionally a quick
// reply's payload).
import {
	approvedTemplateSchema,
	type ApprovedTemplate,
	type ApprovedTemplateInput,
} from './whatsapp-approved-template.ts';

export type HeaderParameter =
	| { kind: 'text'; name: string | null }
	| { kind: 'image' | 'video' | 'document' | 'location' };

export interface ButtonParameter {
	/** The button's position among the template's buttons, 0-based (the send's `index`). */
	index: number;
	/** Meta's button type, e.g. URL, COPY_CODE, QUICK_REPLY. */
	type: string;
	text: string | null;
	/** false for a quick reply: its payload may be given, but need not be. */
	required: boolean;
}

export interface TemplateParameters {
	format: 'POSITIONAL' | 'NAMED';
	header: HeaderParameter | null;
	/** Positional: '1', '2', … in order; named: the names in order of first appearance. */
	body: string[];
	buttons: ButtonParameter[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The distinct placeholders of a text, in order ("{{1}} … {{2}} … {{1}}" has two). */
export function placeholdersOf(text: string | undefined): string[] {
	if (!text) return [];
	const seen = new Set<string>();
	for (const match of text.matchAll(PLACEHOLDER)) seen.add(match[1]!);
	const names = [...seen];
	return names.every((name) => /^\d+$/.test(name))
		? names.sort((a, b) => Number(a) - Number(b))
		: names;
}

const BUTTONS_WITH_VALUE: Record<string, boolean> = {
	COPY_CODE: true,
	OTP: true,
	QUICK_REPLY: false,
};

export function templateParameters(
	input: ApprovedTemplate | ApprovedTemplateInput,
): TemplateParameters {
	const template = approvedTemplateSchema.parse(input);
	const result: TemplateParameters = {
		format: template.parameter_format,
		header: null,
		body: [],
		buttons: [],
	};
	for (const component of template.components) {
		if (component.type === 'HEADER') {
			const format = String(component.format ?? 'TEXT');
			if (format === 'TEXT') {
				const [name] = placeholdersOf(component.text as string | undefined);
				if (name !== undefined) result.header = { kind: 'text', name };
			} else if (format !== 'PRODUCT') {
				result.header = {
					kind: format.toLowerCase() as 'image' | 'video' | 'document' | 'location',
				};
			}
		} else if (component.type === 'BODY') {
			result.body = placeholdersOf(component.text as string | undefined);
		} else if (component.type === 'BUTTONS' && Array.isArray(component.buttons)) {
			component.buttons.forEach((button: { type: string; text?: string; url?: string }, index) => {
				const dynamicUrl = button.type === 'URL' && placeholdersOf(button.url).length > 0;
				const required = dynamicUrl || BUTTONS_WITH_VALUE[button.type];
				if (required === undefined) return;
				result.buttons.push({ index, type: button.type, text: button.text ?? null, required });
			});
		}
	}
	return result;
}
