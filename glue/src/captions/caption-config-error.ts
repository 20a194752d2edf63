import type { InputIssue } from '../triage/index.ts';
import { CaptionError } from './caption-error.ts';

/** The captions configuration is unusable (e.g. no price for the configured model); fix it and restart. */
export class CaptionConfigError extends CaptionError {
	override readonly code = 'CAPTION_INVALID_CONFIG';
	override readonly httpStatus = 500;
	readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		const list = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`captions: invalid configuration (${list})`);
		this.name = 'CaptionConfigError';
		this.issues = issues;
	}
}
