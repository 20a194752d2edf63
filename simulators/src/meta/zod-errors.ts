import type { z } from 'zod/v4';
import { invalidParameter, waInvalidParameter, waMissingParameter } from './error-catalog.ts';
import type { GraphError } from './graph-error.ts';

/** `text['body']`, `template['components'][0]`: how Graph names nested parameters in its errors. */
export function graphPath(path: readonly PropertyKey[]): string {
	const [head, ...rest] = path;
	return (
		String(head ?? '') +
		rest.map((p) => (typeof p === 'number' ? `[${p}]` : `['${String(p)}']`)).join('')
	);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

function firstIssue(error: z.ZodError, input: unknown) {
	const issue = error.issues[0];
	const path = issue?.path ?? [];
	return {
		issue,
		path,
		missing: issue?.code === 'invalid_type' && valueAt(input, path) === undefined,
	};
}

/** WhatsApp: a missing parameter is #100, a bad value #131009 with the reason in error_data. */
export function whatsappValidationError(error: z.ZodError, input: unknown): GraphError {
	const { issue, path, missing } = firstIssue(error, input);
	if (missing) return waMissingParameter(graphPath(path));
	return waInvalidParameter(`${graphPath(path) || 'body'}: ${issue?.message ?? 'invalid value'}`);
}

/** Other Graph endpoints answer #100 for both. */
export function graphValidationError(error: z.ZodError, input: unknown): GraphError {
	const { issue, path, missing } = firstIssue(error, input);
	if (missing) return invalidParameter(`The parameter ${graphPath(path)} is required.`);
	return invalidParameter(
		`Param ${graphPath(path) || 'body'} is invalid: ${issue?.message ?? 'invalid value'}`,
	);
}
