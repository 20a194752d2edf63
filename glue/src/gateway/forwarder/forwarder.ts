// Moves the ledger to n8n: takes each due conversation's batch under a forward lease (held in the
// database, so any number of gateways can run this), posts the batch, then marks it done, schedules a retry, or dead-letters.
import {
	busyForward,
	claimForward,
	completeForward,
	deadLetterForward,
	retryForward,
	type LeasedBatch,
	type TransactionPool,
} from '../../log-store/ledger-queue.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { DEFAULT_TRIAGE_LEASE_MS, releaseTriageClaims } from '../../log-store/inbound-claims.ts';
import { delayFor, retriesLeft, type RetryPolicy } from '../../common/retry.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { DeadLetterHandoff } from '../dead-letters/dead-letter-handoff.ts';
import { postBatch, type ForwardResult } from './forward-client.ts';
import { buildForwardBatch } from './forward.model.ts';

export interface ForwarderOptions {
	url: string;
	secret: string;
	timeoutMs: number;
	maxAttempts: number;
	backoffMs: number;
	backoffMaxMs: number;
	/** How often the ledger is looked at even when nobody said something was queued. */
	pollMs: number;
	/** Batches in flight at once, each a different conversation. */
	concurrency?: number;
	/**
	 * How long workflow 01 may keep answering busy before a busy answer counts as a failed attempt:
	 * a claim lasts one triage lease, so a longer streak means something else is wrong. Default
	 * twice the default triage lease.
	 */
	busyLimitMs?: number;
}

export interface ForwarderDeps {
	pool: TransactionPool & Queryable;
	metrics: GatewayMetrics;
	logger: GatewayLogger;
	options: ForwarderOptions;
	random?: () => number;
	/**
	 * Gives a dead-lettered batch to a person (handOffDeadLetter); without it (no Chatwoot API
	 * settings) a dead letter waits for an operator's replay.
	 */
	handOff?: (batch: LeasedBatch, lastError: string) => Promise<DeadLetterHandoff>;
}

export class Forwarder {
	private readonly deps: ForwarderDeps;
	private readonly options: ForwarderOptions;
	// Not a loop with a sleep: a retry is the batch's next_attempt_at in the ledger.
	private readonly retry: RetryPolicy;
	// Longer than one attempt can take, so a live gateway never loses a batch to another one.
	private readonly leaseMs: number;
	private readonly busyLimitMs: number;
	private readonly inFlight = new Set<Promise<void>>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private poller: NodeJS.Timeout | undefined;
	private running = false;
	private claiming = false;
	private claimAgain = false;

	constructor(deps: ForwarderDeps) {
		this.deps = deps;
		this.options = deps.options;
		this.retry = {
			attempts: deps.options.maxAttempts,
			baseDelayMs: deps.options.backoffMs,
			maxDelayMs: deps.options.backoffMaxMs,
		};
		this.leaseMs = deps.options.timeoutMs * 2 + 5000;
		this.busyLimitMs = deps.options.busyLimitMs ?? 2 * DEFAULT_TRIAGE_LEASE_MS;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.poller = setInterval(() => this.wake(), this.options.pollMs);
		this.wake();
	}

	/** Stops claiming and waits for the batches in flight (each bounded by the timeout). */
	async stop(): Promise<void> {
		this.running = false;
		clearInterval(this.poller);
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		while (this.inFlight.size > 0 || this.claiming) {
			await Promise.allSettled([...this.inFlight]);
			if (this.claiming) await new Promise((resolve) => setImmediate(resolve));
		}
	}

	/** Looks at the ledger now, or at `at` (a debounce ending, a backoff running out). */
	wake(at?: Date | null): void {
		if (!this.running) return;
		const delay = at ? at.getTime() - Date.now() : 0;
		if (delay <= 0) {
			void this.claimLoop();
			return;
		}
		// A few ms late on purpose: the database's clock decides, and it may be slightly behind ours.
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.claimLoop();
		}, delay + 10);
		this.timers.add(timer);
	}

	private async claimLoop(): Promise<void> {
		if (this.claiming) {
			this.claimAgain = true;
			return;
		}
		this.claiming = true;
		try {
			do {
				this.claimAgain = false;
				while (this.running && this.inFlight.size < (this.options.concurrency ?? 4)) {
					const batch = await claimForward(this.deps.pool, { leaseMs: this.leaseMs });
					if (!batch) break;
					const job: Promise<void> = this.forward(batch).finally(() => {
						this.inFlight.delete(job);
						this.wake();
					});
					this.inFlight.add(job);
				}
			} while (this.claimAgain && this.running);
		} catch (error) {
			this.deps.logger.error('gateway: forwarder could not read the ledger', errorFields(error));
		} finally {
			this.claiming = false;
		}
	}

	private async forward(batch: LeasedBatch): Promise<void> {
		try {
			const result = await postBatch({
				url: this.options.url,
				secret: this.options.secret,
				batch: buildForwardBatch(batch),
				leaseToken: batch.leaseToken,
				timeoutMs: this.options.timeoutMs,
			});
			await this.settle(batch, result);
		} catch (error) {
			// The forward lease runs out and another forward takes the batch: late, never lost.
			this.deps.logger.error('gateway: could not settle a forwarded batch', {
				conversationId: batch.conversationId,
				ledgerIds: batch.events.map((event) => event.id),
				...errorFields(error),
			});
		}
	}

	private async settle(batch: LeasedBatch, outcome: ForwardResult): Promise<void> {
		const { pool, metrics, logger } = this.deps;
		const fields = {
			conversationId: batch.conversationId,
			ledgerIds: batch.events.map((event) => event.id),
		};
		let result = outcome;
		if (result.ok) {
			const done = await completeForward(pool, batch.leaseToken);
			if (done.length === 0) {
				logger.warn('gateway: a batch was forwarded after its lease ran out', fields);
				return;
			}
			metrics.forwardedBatches.inc();
			metrics.forwarded.inc(undefined, done.length);
			logger.info('gateway: forwarded a batch to n8n', { ...fields, messages: done.length });
			return;
		}
		if ('busy' in result) {
			if (await this.waitWhileBusy(batch, result.error)) return;
			result = {
				ok: false,
				retryable: true,
				error: `${result.error}, for longer than ${this.busyLimitMs} ms`,
			};
		}
		if ('executionEnded' in result && result.executionEnded) await this.releaseClaims(batch);
		const attempts = Math.max(...batch.events.map((event) => event.attempts));
		if (!result.retryable || !retriesLeft(this.retry, attempts)) {
			const dead = await deadLetterForward(pool, batch.leaseToken, result.error);
			metrics.deadLettered.inc(undefined, dead.length);
			logger.warn('gateway: dead-lettered a batch', {
				...fields,
				attempts,
				reason: result.error,
				replay: 'node glue/src/gateway/cli.ts dead-letters replay --all',
			});
			await this.handOff(batch, result.error);
			return;
		}
		const delayMs = delayFor(this.retry, attempts, null, this.deps.random);
		// A busy that outlasted the limit keeps its streak: the next busy answer counts too.
		await retryForward(pool, batch.leaseToken, delayMs, result.error, {
			endsBusyStreak: !('busy' in outcome),
		});
		metrics.forwardRetries.inc();
		logger.info('gateway: forward failed, will retry', {
			...fields,
			attempts,
			delayMs,
			reason: result.error,
		});
		this.wake(new Date(Date.now() + delayMs));
	}

	/**
	 * Another execution of workflow 01 holds the batch's triage claim: it finishes, or its claim
	 * lease runs out and our next delivery takes the batch over. Retried with backoff, spending no
	 * attempt, while the streak is shorter than the limit; false once it is not.
	 */
	private async waitWhileBusy(batch: LeasedBatch, error: string): Promise<boolean> {
		if (busyTooLong(batch, this.busyLimitMs)) return false;
		const busyAttempts = Math.max(...batch.events.map((event) => event.busyAttempts)) + 1;
		const delayMs = delayFor(this.retry, busyAttempts, null, this.deps.random);
		await busyForward(this.deps.pool, batch.leaseToken, delayMs, error);
		this.deps.metrics.forwardBusy.inc();
		this.deps.logger.info('gateway: workflow 01 is busy with a batch, will retry', {
			conversationId: batch.conversationId,
			ledgerIds: batch.events.map((event) => event.id),
			busyAttempts,
			delayMs,
		});
		this.wake(new Date(Date.now() + delayMs));
		return true;
	}

	/**
	 * The run this forward started is over and left its triage claim behind: freed now, the next
	 * delivery takes the batch over instead of hearing busy until the claim's lease runs out.
	 */
	private async releaseClaims(batch: LeasedBatch): Promise<void> {
		const released = await releaseTriageClaims(this.deps.pool, batch.leaseToken);
		if (released.length === 0) return;
		this.deps.logger.info('gateway: released the triage claim of a run that ended', {
			conversationId: batch.conversationId,
			ledgerIds: released,
		});
	}

	private async handOff(batch: LeasedBatch, lastError: string): Promise<void> {
		const { handOff, logger } = this.deps;
		const fields = { conversationId: batch.conversationId };
		if (!handOff) {
			logger.error('gateway: a dead letter has no one to go to (no Chatwoot API settings)', fields);
			return;
		}
		try {
			const done = await handOff(batch, lastError);
			if (done.status === 'handed_off') this.deps.metrics.deadLetterHandoffs.inc();
			logger.info('gateway: dead letter handed to a person', { ...fields, ...done });
		} catch (error) {
			// Still dead and unclaimed: the next dead-letter pass (after a replay) tries again.
			logger.error('gateway: could not hand a dead letter to a person', {
				...fields,
				ledgerIds: batch.events.map((event) => event.id),
				...errorFields(error),
			});
		}
	}
}

/** Whether workflow 01 has answered busy for this batch for longer than `limitMs`, without a break. */
function busyTooLong(batch: LeasedBatch, limitMs: number): boolean {
	return batch.events.some((event) => (event.busyForMs ?? 0) >= limitMs);
}
