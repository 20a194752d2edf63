import { TriageError } from './triage-error.ts';

export interface InputIssue {
	/** Dotted path into the input, e.g. `newMessages.0`; `(input)` for the value as a whole. */
	field: string;
	message: string;
}

/** The caller's input broke the schema; Claude was not called. */
export class TriageInputError extends TriageError {
	override readonly code = 'TRIAGE_INVALID_INPUT';
	override readonly httpStatus = 400;
	readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		const list = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`triage: invalid input (${list}); Claude was not called`);
		this.name = 'TriageInputError';
		this.issues = issues;
	}
}
