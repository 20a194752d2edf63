// Zod issues as the field-and-message pairs every module's input error carries.
import type { z } from 'zod/v4';

export interface FieldIssue {
	/** Dotted path of the bad field, or "(input)" for the value as a whole. */
	field: string;
	message: string;
}

export function inputIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.map((issue) => ({
		field: issue.path.length ? issue.path.map(String).join('.') : '(input)',
		message: issue.message,
	}));
}
