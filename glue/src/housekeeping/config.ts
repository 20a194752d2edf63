// How long message text is kept, read by the gateway (which runs the retention) and by n8n's
// entrypoint (which prunes executions, whose data holds the same text, after as many days).
import { z } from 'zod/v4';

export const DEFAULT_TEXT_RETENTION_DAYS = 14;
export const DEFAULT_HOUSEKEEPING_INTERVAL_MS = 3_600_000;

export const textRetentionDays = z.coerce.number().int().min(1).max(3650);

/** Throws a RangeError naming the value unless it is a whole number of days ≥ 1. */
export function assertRetentionDays(retentionDays: number): void {
	if (!Number.isInteger(retentionDays) || retentionDays < 1) {
		throw new RangeError(
			`housekeeping: retentionDays must be a whole number ≥ 1, not ${retentionDays}`,
		);
	}
}

/**
 * n8n's execution pruning matched to the text retention: an execution of workflow 01 holds the
 * customer's message and the reply, so it goes when the ledger's copy does (EXECUTIONS_DATA_MAX_AGE
 * is in hours).
 *
 * @example
 * n8nExecutionPruneEnv(14); // { EXECUTIONS_DATA_PRUNE: 'true', EXECUTIONS_DATA_MAX_AGE: '336' }
 */
export function n8nExecutionPruneEnv(retentionDays: number): {
	EXECUTIONS_DATA_PRUNE: 'true';
	EXECUTIONS_DATA_MAX_AGE: string;
} {
	assertRetentionDays(retentionDays);
	return { EXECUTIONS_DATA_PRUNE: 'true', EXECUTIONS_DATA_MAX_AGE: String(retentionDays * 24) };
}
