import { StageError } from './stage-error.ts';

export interface StageInputIssue {
	field: string;
	message: string;
}

/** A caller passed something that is not a stage move (unknown stage, no contact id, …). */
export class StageInputError extends StageError {
	override readonly code = 'STAGE_INPUT_INVALID';
	override readonly httpStatus = 400;
	readonly operation: string;
	readonly issues: StageInputIssue[];

	constructor(fields: { operation: string; issues: StageInputIssue[] }) {
		const list = fields.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		super(`stages: ${fields.operation} got invalid input (${list})`);
		this.name = 'StageInputError';
		this.operation = fields.operation;
		this.issues = fields.issues;
	}
}
