// Turns zod issues and PostgreSQL error codes into the log store's typed errors, in one place.
import { inputIssues } from '../common/input-issues.ts';
import type { z } from 'zod/v4';
import { LogStoreValidationError } from './log-store-validation-error.ts';

export { LogStoreError } from './log-store-error.ts';
export { LogStoreMigrationError } from './log-store-migration-error.ts';
export { LogStoreNotFoundError } from './log-store-not-found-error.ts';
export { LogStoreValidationError, type InputIssue } from './log-store-validation-error.ts';

/** Parses at the boundary; a failure throws before any query runs, so bad input changes nothing. */
export function parseInput<S extends z.ZodType>(
	schema: S,
	input: unknown,
	operation: string,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	throw new LogStoreValidationError({
		operation,
		issues: inputIssues(result.error),
	});
}

/** The SQLSTATE of a pg error (e.g. 23503 foreign key violation), if it is one. */
export function pgCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error
		? String(error.code)
		: undefined;
}
