// Hands stored WhatsApp statuses to the delivery-status hook (the broadcast sender), in batches,
// each in one transaction under an advisory lock, so several gateways never hand over the same
// batch at once. A hook that fails leaves them stored and unapplied for the next run. Forwarding to Chatwoot
// does not wait for any of this.
import { IntervalTask } from '../../common/interval-task.ts';
import type { TransactionPool } from '../../log-store/ledger-queue.ts';
import { settleAppliedStatuses, takeUnappliedStatuses } from '../../log-store/meta-events.ts';
import type { DeliveryStatusHook } from '../../meta/whatsapp-status.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';

export interface StatusApplierDeps {
	pool: TransactionPool;
	logger: GatewayLogger;
	metrics?: GatewayMetrics;
	hook: DeliveryStatusHook;
	intervalMs: number;
	batchSize?: number;
}

export class StatusApplier {
	private readonly deps: StatusApplierDeps;
	private readonly task: IntervalTask;
	private again = false;
	private current: Promise<void> | undefined;

	constructor(deps: StatusApplierDeps) {
		this.deps = deps;
		this.task = new IntervalTask(() => this.wake(), {
			intervalMs: deps.intervalMs,
			onError: (error) =>
				deps.logger.error('gateway: could not apply delivery statuses', errorFields(error)),
		});
	}

	start(): void {
		this.task.start();
	}

	async stop(): Promise<void> {
		await this.task.stop();
		while (this.current) await this.current;
	}

	/** wake() for callers that do not wait: a failure is logged, and the next run retries. */
	nudge(): void {
		this.wake().catch((error: unknown) =>
			this.deps.logger.error('gateway: could not apply delivery statuses', errorFields(error)),
		);
	}

	/** Applies everything waiting now; a call during a run makes it go round once more. */
	wake(): Promise<void> {
		if (this.current) {
			this.again = true;
			return this.current;
		}
		this.current = this.drain().finally(() => {
			this.current = undefined;
		});
		return this.current;
	}

	private async drain(): Promise<void> {
		do {
			this.again = false;
			while ((await this.applyBatch()) > 0);
		} while (this.again);
	}

	/** One batch in one transaction; how many statuses it applied. */
	private async applyBatch(): Promise<number> {
		const client = await this.deps.pool.connect();
		try {
			await client.query('begin');
			const waiting = await takeUnappliedStatuses(client, this.deps.batchSize ?? 500);
			if (waiting.length === 0) {
				await client.query('commit');
				return 0;
			}
			const updates = waiting.flatMap((row) => row.update ?? []);
			if (updates.length > 0) await this.deps.hook(updates);
			await settleAppliedStatuses(
				client,
				waiting.map((row) => row.id),
			);
			await client.query('commit');
			this.deps.metrics?.metaStatusesApplied.inc(undefined, updates.length);
			return waiting.length;
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}
}
