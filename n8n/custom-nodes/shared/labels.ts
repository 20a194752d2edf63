import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A Labels parameter as a list: an expression may give an array (e.g. an action plan's labels),
 * typed text is comma-separated. Blank entries are dropped.
 */
export function labelsParameter(context: IExecuteFunctions, name: string, i: number): string[] {
	const value = context.getNodeParameter(name, i, '') as unknown;
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((label) => String(label).trim()).filter(Boolean);
}
