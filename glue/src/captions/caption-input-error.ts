import type { InputIssue } from '../triage/index.ts';
import { CaptionError } from './caption-error.ts';

/** The caller's input broke the schema; Claude was not called. */
export class CaptionInputError extends CaptionError {
	override readonly code = 'CAPTION_INVALID_INPUT';
	override readonly httpStatus = 400;
	readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		const list = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`captions: invalid input (${list}); Claude was not called`);
		this.name = 'CaptionInputError';
		this.issues = issues;
	}
}
