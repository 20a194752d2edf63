import type { z } from 'zod/v4';
import { inputIssues, type FieldIssue } from '../common/input-issues.ts';

/** A booking request that cannot be acted on as given (bad service, zone, customer); nothing changed. */
export class AppointmentInputError extends Error {
	readonly issues: FieldIssue[];

	constructor(what: string, error: z.ZodError) {
		const issues = inputIssues(error);
		super(`${what}: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
		this.name = 'AppointmentInputError';
		this.issues = issues;
	}
}
