import { MetaApiError, type MetaApiErrorFields } from './meta-api-error.ts';

export type TokenProblem = 'expired' | 'invalid' | 'missing';

/** #190 (463 expired, 467 invalid), #102, #0, or #104 without a token: refresh or replace it. */
export class MetaTokenError extends MetaApiError {
	override readonly code = 'META_TOKEN';
	readonly problem: TokenProblem;

	constructor(fields: MetaApiErrorFields & { problem: TokenProblem }) {
		super(fields);
		this.name = 'MetaTokenError';
		this.problem = fields.problem;
	}
}
