import type { z } from 'zod/v4';
import { inputIssues } from '../common/input-issues.ts';
import { SocialError } from './social-error.ts';

export interface SocialIssue {
	/** Dotted path of the bad field, or "(input)". */
	field: string;
	message: string;
}

/** A run trigger or a post job that does not fit its schema; nothing was claimed or posted. */
export class SocialInputError extends SocialError {
	override readonly code = 'SOCIAL_INVALID_INPUT';
	override readonly httpStatus = 400;
	readonly what: string;
	readonly issues: SocialIssue[];

	constructor(what: string, issues: SocialIssue[]) {
		super(
			`social: invalid ${what}: ` +
				issues.map((issue) => `${issue.field} ${issue.message}`).join('; '),
		);
		this.name = 'SocialInputError';
		this.what = what;
		this.issues = issues;
	}
}

/** Parses what n8n hands the auto-poster; a misfit throws SocialInputError before anything runs. */
export function parseSocial<S extends z.ZodType>(
	schema: S,
	input: unknown,
	what: string,
): z.output<S> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	throw new SocialInputError(what, inputIssues(parsed.error));
}
