// Chatwoot tries an account webhook once and an agent-bot webhook three times: a message can still
// go missing. On a schedule, this asks Chatwoot which pending conversations moved since the last run
// and queues every customer message in them that the ledger never saw, as its webhook would have.
import type { ChatwootClient } from '../../chatwoot/client.ts';
import {
	enqueueInboundEvent,
	knownMessageIds,
	type DebounceOptions,
	type TransactionPool,
} from '../../log-store/ledger-queue.ts';
import { readReconcilerMark, saveReconcilerMark } from '../../log-store/reconciler-marks.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { customerMessagesSince, pendingConversationsSince } from './chatwoot-activity.ts';
import { reconciledEntry } from './reconciled-entry.ts';

export interface ReconcilerDeps {
	pool: TransactionPool & Queryable;
	chatwoot: ChatwootClient;
	metrics: GatewayMetrics;
	logger: GatewayLogger;
	clock: () => Date;
	debounce: DebounceOptions;
	intervalMs: number;
	/** How far back the very first run looks. */
	lookbackMs: number;
	onQueued?: (dueAt: Date | null) => void;
	/** The mark's name; one per Chatwoot account. */
	name?: string;
}

export interface ReconcileResult {
	conversations: number;
	queued: number;
}

// Each run reaches this far behind its mark: Chatwoot's clock may differ from ours, and a message
// saved while the previous run was listing must not fall between two runs.
const OVERLAP_MS = 60_000;

export class Reconciler {
	private readonly deps: ReconcilerDeps;
	private readonly name: string;
	private timer: NodeJS.Timeout | undefined;
	private current: Promise<unknown> | undefined;

	constructor(deps: ReconcilerDeps) {
		this.deps = deps;
		this.name = deps.name ?? `chatwoot:${deps.chatwoot.accountId}`;
	}

	start(): void {
		if (this.timer || this.deps.intervalMs <= 0) return;
		this.timer = setInterval(() => void this.tick(), this.deps.intervalMs);
		void this.tick();
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		this.timer = undefined;
		await this.current?.catch(() => undefined);
	}

	/** One comparison; the mark moves only when the whole run succeeded. */
	async runOnce(): Promise<ReconcileResult> {
		const { pool, metrics, logger } = this.deps;
		const startedAt = this.deps.clock();
		const mark =
			(await readReconcilerMark(pool, this.name)) ??
			new Date(startedAt.getTime() - this.deps.lookbackMs);
		const sinceMs = mark.getTime() - OVERLAP_MS;
		const conversations = await pendingConversationsSince(
			this.deps.chatwoot,
			sinceMs,
			startedAt.getTime(),
		);
		let queued = 0;
		for (const conversation of conversations) {
			const messages = await customerMessagesSince(this.deps.chatwoot, conversation.id, sinceMs);
			const known = await knownMessageIds(
				pool,
				conversation.account_id,
				messages.map((message) => message.id),
			);
			for (const message of messages.filter((m) => !known.has(m.id))) {
				const entry = reconciledEntry(conversation, message);
				const result = await enqueueInboundEvent(pool, entry, this.deps.debounce);
				if (result.duplicate) continue;
				queued += 1;
				metrics.reconciled.inc();
				metrics.queued.inc({ source: 'reconciler' });
				this.deps.onQueued?.(result.dueAt);
				logger.warn('gateway: reconciler queued a message whose webhook never came', {
					conversationId: conversation.id,
					messageId: message.id,
					ledgerId: result.id,
				});
			}
		}
		await saveReconcilerMark(pool, this.name, startedAt);
		return { conversations: conversations.length, queued };
	}

	private async tick(): Promise<void> {
		if (this.current) return;
		const run = this.runOnce();
		this.current = run;
		try {
			const result = await run;
			this.deps.metrics.reconcilerRuns.inc({ outcome: 'ok' });
			this.deps.logger.debug('gateway: reconciler run finished', { ...result });
		} catch (error) {
			this.deps.metrics.reconcilerRuns.inc({ outcome: 'failed' });
			this.deps.logger.warn(
				'gateway: reconciler run failed; the next run retries',
				errorFields(error),
			);
		} finally {
			this.current = undefined;
		}
	}
}
