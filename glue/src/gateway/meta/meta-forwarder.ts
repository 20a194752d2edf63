// Moves stored Meta items to Chatwoot, one item per POST, oldest first: leases due rows (SKIP
// LOCKED, so several gateways share the queue), posts them, then marks each done, schedules its
// retry with the shared backoff, or dead-letters it after the limit (replayable, never deleted).
import { delayFor, retriesLeft, type RetryPolicy } from '../../common/retry.ts';
import {
	claimMetaForwards,
	completeMetaForward,
	deadLetterMetaForward,
	retryMetaForward,
	type LeasedMetaEvent,
} from '../../log-store/meta-events.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { postToChatwoot, type ChatwootPostResult } from './chatwoot-whatsapp-client.ts';

export interface MetaForwarderOptions {
	chatwootUrl: string;
	appSecret: string;
	timeoutMs: number;
	maxAttempts: number;
	backoffMs: number;
	backoffMaxMs: number;
	pollMs: number;
	/** Posts in flight at once. */
	concurrency: number;
}

export interface MetaForwarderDeps {
	pool: Queryable;
	logger: GatewayLogger;
	metrics?: GatewayMetrics;
	options: MetaForwarderOptions;
	random?: () => number;
	post?: typeof postToChatwoot;
}

export class MetaForwarder {
	private readonly deps: MetaForwarderDeps;
	private readonly retry: RetryPolicy;
	private readonly leaseMs: number;
	private readonly timers = new Set<NodeJS.Timeout>();
	private poller: NodeJS.Timeout | undefined;
	private running = false;
	private current: Promise<void> | undefined;
	private again = false;

	constructor(deps: MetaForwarderDeps) {
		this.deps = deps;
		const { options } = deps;
		this.retry = {
			attempts: options.maxAttempts,
			baseDelayMs: options.backoffMs,
			maxDelayMs: options.backoffMaxMs,
		};
		// Longer than one post can take, so a live gateway never loses an item to another one.
		this.leaseMs = options.timeoutMs * 2 + 5000;
	}

	start(): void {
		if (this.running) return;
		this.running = true;
		this.poller = setInterval(() => this.wake(), this.deps.options.pollMs);
		this.wake();
	}

	async stop(): Promise<void> {
		this.running = false;
		clearInterval(this.poller);
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		while (this.current) await this.current;
	}

	/** Looks at the queue now, or at `at` (a backoff running out). */
	wake(at?: Date): void {
		if (!this.running) return;
		const delay = at ? at.getTime() - Date.now() : 0;
		if (delay > 0) {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.wake();
			}, delay + 10);
			this.timers.add(timer);
			return;
		}
		if (this.current) {
			this.again = true;
			return;
		}
		this.current = this.drain().finally(() => {
			this.current = undefined;
			if (this.again && this.running) {
				this.again = false;
				this.wake();
			}
		});
	}

	private async drain(): Promise<void> {
		const { pool, logger, options } = this.deps;
		try {
			while (this.running) {
				const leased = await claimMetaForwards(pool, {
					limit: options.concurrency,
					leaseMs: this.leaseMs,
				});
				if (leased.length === 0) return;
				await Promise.all(leased.map((event) => this.forward(event)));
			}
		} catch (error) {
			logger.error('gateway: Meta forwarder could not read its queue', errorFields(error));
		}
	}

	private async forward(event: LeasedMetaEvent): Promise<void> {
		const { options, logger } = this.deps;
		const post = this.deps.post ?? postToChatwoot;
		try {
			const result = await post({
				chatwootUrl: options.chatwootUrl,
				appSecret: options.appSecret,
				displayNumber: event.displayNumber,
				payload: event.payload,
				timeoutMs: options.timeoutMs,
			});
			await this.settle(event, result);
		} catch (error) {
			// The lease runs out and the item is due again: late, never lost.
			logger.error('gateway: could not settle a Meta item', {
				metaEventId: event.id,
				...errorFields(error),
			});
		}
	}

	private async settle(event: LeasedMetaEvent, result: ChatwootPostResult): Promise<void> {
		const { pool, logger } = this.deps;
		const fields = { metaEventId: event.id, kind: event.kind, attempts: event.attempts };
		if (result.ok) {
			await completeMetaForward(pool, event);
			this.deps.metrics?.metaForwarded.inc({ outcome: 'done' });
			logger.debug('gateway: forwarded a Meta item to Chatwoot', fields);
			return;
		}
		if (!result.retryable || !retriesLeft(this.retry, event.attempts)) {
			await deadLetterMetaForward(pool, event, result.error);
			this.deps.metrics?.metaForwarded.inc({ outcome: 'dead' });
			logger.warn('gateway: dead-lettered a Meta item', {
				...fields,
				reason: result.error,
				replay: 'node glue/src/gateway/cli.ts meta-dead-letters replay --all',
			});
			return;
		}
		const delayMs = delayFor(this.retry, event.attempts, null, this.deps.random);
		await retryMetaForward(pool, event, delayMs, result.error);
		this.deps.metrics?.metaForwarded.inc({ outcome: 'retry' });
		logger.info('gateway: Meta item not taken by Chatwoot, will retry', {
			...fields,
			delayMs,
			reason: result.error,
		});
		this.wake(new Date(Date.now() + delayMs));
	}
}
