import { TriageError } from './triage-error.ts';
import type { InputIssue } from './triage-input-error.ts';

/** The triage configuration is unusable (e.g. no price for the configured model); fix it and restart. */
export class TriageConfigError extends TriageError {
	override readonly code = 'TRIAGE_INVALID_CONFIG';
	override readonly httpStatus = 500;
	readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		const list = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`triage: invalid configuration (${list})`);
		this.name = 'TriageConfigError';
		this.issues = issues;
	}
}
