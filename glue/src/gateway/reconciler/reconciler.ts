// Chatwoot tries an account webhook once and an agent-bot webhook three times: a message can still
// go missing, and a failed bot delivery also opens a pending conversation. On a schedule, this asks
// Chatwoot which conversations (any status) moved since the last run and writes every customer
// message in them that the ledger never saw: queued when there is something left to do, dropped
// with a reason when a person already has it (missed-message-fate.ts). Each run then hands off
// the customers left waiting too long (unanswered.ts).
import { optOutCommand, type OptOutKeywords } from '../../audience/opt-out.ts';
import type { ChatwootClient } from '../../chatwoot/client.ts';
import type { Department } from '../../content/schemas.ts';
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
import { recordInboundEvent } from '../../log-store/repository.ts';
import { conversationsActiveSince, isCustomerMessage, messagesSince } from './chatwoot-activity.ts';
import { missedMessageFate, openedByReplyEcho } from './missed-message-fate.ts';
import { reconciledDrop, reconciledEntry } from './reconciled-entry.ts';
import { handOffUnanswered } from './unanswered.ts';

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
	/**
	 * GATEWAY_UNANSWERED_HANDOFF_MS: a customer waiting longer with neither a reply nor a hand-off
	 * is handed off by the gateway (unanswered.ts); 0 or absent turns it off.
	 */
	unansweredAfterMs?: number;
	/** The departments (Directus), for the team of such a hand-off. */
	departments?: () => Promise<Department[]>;
	/**
	 * Marketing's opt-out and opt-in words (the webhook service's reader): a missed message that is
	 * exactly one of them is queued for workflow 01's opt-out step even when a person has the
	 * conversation, so a STOP whose webhook never came still suppresses. Without it such a message
	 * is recorded as dropped like any other.
	 */
	optOutKeywords?: () => Promise<readonly OptOutKeywords[]>;
}

export interface ReconcileResult {
	conversations: number;
	/** Missed messages queued for triage. */
	queued: number;
	/** Missed messages written as dropped: a person answered or has the conversation. */
	recorded: number;
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
		const conversations = await conversationsActiveSince(
			this.deps.chatwoot,
			sinceMs,
			startedAt.getTime(),
		);
		const result: ReconcileResult = { conversations: conversations.length, queued: 0, recorded: 0 };
		let holdMark = false;
		for (const conversation of conversations) {
			const messages = await messagesSince(this.deps.chatwoot, conversation.id, sinceMs);
			const customers = messages.filter(isCustomerMessage);
			const known = await knownMessageIds(
				pool,
				conversation.account_id,
				customers.map((message) => message.id),
			);
			for (const message of customers.filter((m) => !known.has(m.id))) {
				const fate = missedMessageFate(conversation, messages, message);
				const fields = { conversationId: conversation.id, messageId: message.id };
				const word = fate.queue ? false : await this.isOptOutWord(message.content);
				if (word === null) {
					// Neither dropped nor queued: the mark stays, and the next run looks at it again.
					holdMark = true;
					continue;
				}
				if (!fate.queue && !word) {
					const recorded = await recordInboundEvent(
						pool,
						reconciledDrop(conversation, message, fate.reason),
					);
					if (recorded.duplicate) continue;
					result.recorded += 1;
					logger.info('gateway: reconciler recorded a message whose webhook never came', {
						...fields,
						ledgerId: recorded.id,
						reason: fate.reason,
					});
					continue;
				}
				const entry = reconciledEntry(
					conversation,
					message,
					fate.queue ? fate : { optOutOnly: true },
				);
				const queued = await enqueueInboundEvent(pool, entry, this.deps.debounce);
				if (queued.duplicate) continue;
				result.queued += 1;
				metrics.reconciled.inc();
				metrics.queued.inc({ source: 'reconciler' });
				this.deps.onQueued?.(queued.dueAt);
				logger.warn('gateway: reconciler queued a message whose webhook never came', {
					...fields,
					ledgerId: queued.id,
					...(fate.queue && fate.openedByBotFailure ? { openedByBotFailure: true } : {}),
					// Only a word gets here from a conversation a person has (fate.reason says how).
					...(!fate.queue ? { optOutOnly: true, personHas: fate.reason } : {}),
				});
			}
			if (openedByReplyEcho(conversation, messages)) {
				// What keep_pending_on_bot_failure would have done: the bot answered, nobody waits.
				await this.deps.chatwoot.conversations.toggleStatus(conversation.id, { status: 'pending' });
				logger.warn('gateway: reconciler put back to pending a conversation Chatwoot opened', {
					conversationId: conversation.id,
					reason: 'the echo of the bot reply could not be delivered',
				});
			}
		}
		if (!holdMark) await saveReconcilerMark(pool, this.name, startedAt);
		return result;
	}

	/** Hands off the customers left waiting too long; returns their conversations. */
	async handOffUnanswered(): Promise<number[]> {
		const { pool, chatwoot, logger, clock, departments } = this.deps;
		const afterMs = this.deps.unansweredAfterMs ?? 0;
		return handOffUnanswered({ db: pool, chatwoot, logger, clock, afterMs, departments });
	}

	/**
	 * Whether a missed message is an opt-out or opt-in word; null when the words cannot be read
	 * (Directus down): a dropped row is never looked at again, so the caller decides nothing yet.
	 */
	private async isOptOutWord(content: string | null | undefined): Promise<boolean | null> {
		if (!this.deps.optOutKeywords || !content?.trim()) return false;
		try {
			return optOutCommand(content, await this.deps.optOutKeywords()) !== null;
		} catch (error) {
			this.deps.logger.warn(
				'gateway: reconciler could not read the opt-out words; a missed message in a conversation a person has waits for the next run',
				errorFields(error),
			);
			return null;
		}
	}

	private async tick(): Promise<void> {
		if (this.current) return;
		const run = this.runOnce().finally(() => this.handOffUnanswered());
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
