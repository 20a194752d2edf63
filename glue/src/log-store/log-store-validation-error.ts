import { LogStoreError } from './log-store-error.ts';

export interface InputIssue {
	/** Dotted path into the input, e.g. `labels.0`; `(input)` for the value as a whole. */
	field: string;
	message: string;
}

/** The input broke the schema; nothing was written. */
export class LogStoreValidationError extends LogStoreError {
	override readonly code = 'LOG_STORE_INVALID_INPUT';
	override readonly httpStatus = 400;
	readonly operation: string;
	readonly issues: InputIssue[];

	constructor(fields: { operation: string; issues: InputIssue[] }) {
		const list = fields.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`log store: ${fields.operation} got invalid input (${list}); nothing was written`);
		this.name = 'LogStoreValidationError';
		this.operation = fields.operation;
		this.issues = fields.issues;
	}

	/** The first offending field, for messages that name one. */
	get field(): string {
		return this.issues[0]?.field ?? '(input)';
	}
}
