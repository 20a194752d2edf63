// The triage's typed errors and the one place that turns zod issues into them.
import type { z } from 'zod/v4';
import type { InputIssue } from './triage-input-error.ts';

export { TriageConfigError } from './triage-config-error.ts';
export { TriageError } from './triage-error.ts';
export { TriageInputError, type InputIssue } from './triage-input-error.ts';

export function issuesOf(error: z.ZodError): InputIssue[] {
	return error.issues.map((issue) => ({
		field: issue.path.length ? issue.path.map(String).join('.') : '(input)',
		message: issue.message,
	}));
}
