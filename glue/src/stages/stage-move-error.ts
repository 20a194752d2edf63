import type { Stage } from './lifecycle.ts';
import { StageError } from './stage-error.ts';

/** The move is not in the lifecycle table (e.g. back to `new`, or out of `customer`). */
export class StageMoveError extends StageError {
	override readonly code = 'STAGE_MOVE_NOT_ALLOWED';
	override readonly httpStatus = 409;
	readonly from: Stage;
	readonly to: Stage;
	readonly allowed: readonly Stage[];

	constructor(fields: { from: Stage; to: Stage; allowed: readonly Stage[] }) {
		const allowed = fields.allowed.length
			? `it may move to ${fields.allowed.join(', ')}`
			: `${fields.from} is final`;
		super(`stages: a contact cannot move from ${fields.from} to ${fields.to}; ${allowed}`);
		this.name = 'StageMoveError';
		this.from = fields.from;
		this.to = fields.to;
		this.allowed = fields.allowed;
	}
}
