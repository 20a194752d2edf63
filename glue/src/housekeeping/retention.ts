// Message text is kept for a configurable number of days, then removed from the ledger and the
// decision log: what was decided, what it cost and what was done stay for the dashboards, the
// customer's words and the AI's prose go. Idempotent: a redacted row is stamped and never read again.
import type { Queryable } from '../log-store/repository.ts';
import { assertRetentionDays } from './config.ts';
import {
	REDACT_DECISIONS,
	REDACT_INBOUND_EVENTS,
	REDACT_META_EVENTS,
	REDACT_META_WEBHOOKS,
	TRIAGE_TEXT_KEYS,
} from './retention-queries.ts';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
	/** The job's clock reading; rows older than `retentionDays` before it lose their text. */
	now: Date;
	retentionDays: number;
	/** Rows per statement, so no run holds many row locks at once. */
	batchSize?: number;
}

export interface RetentionResult {
	cutoff: Date;
	/** sb_inbound_events rows whose text this run removed. */
	inboundEvents: number;
	/** sb_ai_decisions rows whose text this run removed. */
	decisions: number;
	/** sb_meta_webhooks bodies this run emptied. */
	metaWebhooks: number;
	/** sb_meta_events messages and echoes whose text this run removed. */
	metaEvents: number;
}

/** The instant before which text goes, e.g. 14 days before `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
	assertRetentionDays(retentionDays);
	return new Date(now.getTime() - retentionDays * DAY_MS);
}

export async function redactExpiredText(
	db: Queryable,
	options: RetentionOptions,
): Promise<RetentionResult> {
	const cutoff = retentionCutoff(options.now, options.retentionDays);
	const batchSize = options.batchSize ?? 500;
	const inboundEvents = await inBatches(batchSize, (limit) =>
		db.query(REDACT_INBOUND_EVENTS, [cutoff, limit, options.now]),
	);
	const decisions = await inBatches(batchSize, (limit) =>
		db.query(REDACT_DECISIONS, [cutoff, limit, options.now, [...TRIAGE_TEXT_KEYS]]),
	);
	const metaWebhooks = await inBatches(batchSize, (limit) =>
		db.query(REDACT_META_WEBHOOKS, [cutoff, limit, options.now]),
	);
	const metaEvents = await inBatches(batchSize, (limit) =>
		db.query(REDACT_META_EVENTS, [cutoff, limit, options.now]),
	);
	return { cutoff, inboundEvents, decisions, metaWebhooks, metaEvents };
}

/** Runs the statement until a batch comes back short; the total of rows it changed. */
async function inBatches(
	batchSize: number,
	run: (limit: number) => Promise<{ rows: unknown[] }>,
): Promise<number> {
	let total = 0;
	for (;;) {
		const { rows } = await run(batchSize);
		total += rows.length;
		if (rows.length < batchSize) return total;
	}
}
