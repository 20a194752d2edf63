// The gateway's housekeeping loop: on an interval, remove message text past the retention period.
// The gateway already runs the reconciler this way and holds the ledger's pool; two replicas may
// both run it, since each run takes only rows nobody else is redacting and stamps them done.
import { IntervalTask } from '../common/interval-task.ts';
import type { Queryable } from '../log-store/repository.ts';
import { redactExpiredText, type RetentionResult } from './retention.ts';

/** What the loop logs with; winston's logger fits. */
export interface HousekeepingLogger {
	debug(message: string, fields?: Record<string, unknown>): unknown;
	info(message: string, fields?: Record<string, unknown>): unknown;
	warn(message: string, fields?: Record<string, unknown>): unknown;
}

export interface HousekeepingDeps {
	db: Queryable;
	logger: HousekeepingLogger;
	clock: () => Date;
	retentionDays: number;
	/** 0 turns the loop off (runOnce still works). */
	intervalMs: number;
	batchSize?: number;
}

export class Housekeeping {
	private readonly deps: HousekeepingDeps;
	private readonly loop: IntervalTask;

	constructor(deps: HousekeepingDeps) {
		this.deps = deps;
		this.loop = new IntervalTask(() => this.runOnce(), {
			intervalMs: deps.intervalMs,
			onError: (error) =>
				deps.logger.warn('housekeeping: retention run failed; the next run retries', {
					error: error instanceof Error ? error.message : String(error),
				}),
		});
	}

	start(): void {
		this.loop.start();
	}

	async stop(): Promise<void> {
		await this.loop.stop();
	}

	/**
	 * One pass; logs what it changed (counts and the cutoff, never a row's content), at info when
	 * it changed something and at debug when it found nothing to do.
	 */
	async runOnce(): Promise<RetentionResult> {
		const { db, logger, retentionDays, batchSize } = this.deps;
		const result = await redactExpiredText(db, {
			now: this.deps.clock(),
			retentionDays,
			batchSize,
		});
		const changed =
			result.inboundEvents + result.decisions + result.metaWebhooks + result.metaEvents > 0;
		logger[changed ? 'info' : 'debug']('housekeeping: message text past retention removed', {
			retentionDays,
			cutoff: result.cutoff.toISOString(),
			inboundEvents: result.inboundEvents,
			decisions: result.decisions,
			metaWebhooks: result.metaWebhooks,
			metaEvents: result.metaEvents,
		});
		return result;
	}
}
