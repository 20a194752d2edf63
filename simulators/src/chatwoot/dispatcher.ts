// Routes events to account webhooks (every inbox, per-webhook subscriptions, one attempt) and to
// agent bots (inbox bot and assigned bot; 429/500 retried, 3 attempts in all), as §2.1 describes,
// in order per destination or the way Sidekiq runs them (delivery-mode.ts).
import { randomUUID } from 'node:crypto';
import {
	postWebhook,
	type DeliveryKind,
	type DeliveryOutcome,
	type DeliveryRecord,
	type WebhookChaos,
} from './delivery.ts';
import { seededRandom, type DeliveryMode } from './delivery-mode.ts';
import {
	BOT_EVENTS,
	isWebhookEvent,
	type EventName,
	type EventSink,
	type SimEvent,
} from './events.ts';
import { railsJson } from './rails-json.ts';
import type { ChatwootState } from './state.ts';
import type { AgentBot } from './types.ts';
import type { WorkQueue } from './work-queue.ts';

export interface DispatcherOptions {
	timeoutMs: number;
	botRetryDelayMs: number;
	sign: boolean;
	allowPrivateNetwork: boolean;
	random: () => number;
	/** What reset() goes back to. */
	delivery: DeliveryMode;
	now: () => Date;
	work: WorkQueue;
	/** AgentBots::WebhookJob#handle_failure, after the last failed attempt. */
	onBotFailure: (event: EventName, conversationId: number) => void;
}

const BOT_ATTEMPTS = 3;
const RETRYABLE = new Set([429, 500]);

interface Delivery {
	kind: DeliveryKind;
	targetId: number;
	url: string;
	secret: string;
	event: SimEvent;
	body: string;
	deliveryId: string;
}

export class WebhookDispatcher implements EventSink {
	readonly log: DeliveryRecord[] = [];
	chaos: WebhookChaos = { dropProbability: 0, duplicateProbability: 0 };
	private readonly state: ChatwootState;
	private readonly options: DispatcherOptions;
	private readonly work: WorkQueue;
	private generation = 0;
	private mode: DeliveryMode = { mode: 'in-order' };
	/**
	 * Realistic mode's seeded draws, one sequence per destination (and one for the account fan-out),
	 * so what a receiver sees depends only on the seed and its own events, not on timing elsewhere.
	 */
	private readonly streams = new Map<string, () => number>();

	constructor(state: ChatwootState, options: DispatcherOptions) {
		this.state = state;
		this.options = options;
		this.work = options.work;
		this.setDelivery(options.delivery);
	}

	get delivery(): DeliveryMode {
		return this.mode;
	}

	/** Also restarts the seeded sequences, so the same seed replays the same waits and duplicates. */
	setDelivery(mode: DeliveryMode): void {
		this.mode = mode;
		this.streams.clear();
	}

	emit(event: SimEvent): void {
		if (BOT_EVENTS.has(event.name) && event.conversationId !== null) {
			const bots = this.botsFor(event.conversationId);
			// Built now: AgentBotListener runs in the synchronous dispatcher.
			const body = bots.length > 0 ? railsJson(event.build()) : '';
			for (const bot of bots) {
				const target = { kind: 'agent_bot_webhook' as const, targetId: bot.id, secret: bot.secret };
				this.enqueue({
					...target,
					url: bot.outgoingUrl ?? '',
					event,
					body,
					deliveryId: randomUUID(),
				});
			}
		}
		if (isWebhookEvent(event.name)) {
			const generation = this.generation;
			const fanOut = () => {
				if (generation === this.generation) this.fanOutToAccountWebhooks(event);
			};
			// Built when the job runs, after the request that caused it has finished.
			if (this.mode.mode === 'in-order') this.work.soon(fanOut);
			else this.work.later(this.queueWait('fan-out'), async () => fanOut());
		}
	}

	/** Resolves once every queued delivery, retry and deferred payload has settled. */
	idle(): Promise<void> {
		return this.work.idle();
	}

	/** Forgets queued work and the log; deliveries already on the wire finish unrecorded. */
	reset(): void {
		this.generation += 1;
		this.log.length = 0;
		this.work.clear();
		this.chaos = { dropProbability: 0, duplicateProbability: 0 };
		this.setDelivery(this.options.delivery);
	}

	private fanOutToAccountWebhooks(event: SimEvent): void {
		const webhooks = this.state.webhooks.filter(
			(w) => w.accountId === event.accountId && w.subscriptions.includes(event.name),
		);
		if (webhooks.length === 0) return;
		const body = railsJson(event.build());
		for (const webhook of webhooks) {
			const target = { kind: 'account_webhook' as const, targetId: webhook.id, url: webhook.url };
			const delivery = { ...target, secret: webhook.secret, event, body, deliveryId: randomUUID() };
			if (this.options.random() < this.chaos.dropProbability) {
				this.record(delivery, 1, { ok: false, status: null, error: 'dropped by chaos' }, 'dropped');
				continue;
			}
			this.enqueue(delivery);
			if (this.options.random() < this.chaos.duplicateProbability) {
				this.enqueue({ ...delivery, deliveryId: randomUUID() });
			}
		}
	}

	private botsFor(conversationId: number): AgentBot[] {
		const conversation = this.state.conversations.get(conversationId);
		if (!conversation) return [];
		const inboxBot = this.state.inboxBot(this.state.inboxOf(conversation));
		const assigned =
			conversation.assigneeAgentBotId === null
				? undefined
				: this.state.agentBots.get(conversation.assigneeAgentBotId);
		const bots = [inboxBot, assigned].filter(
			(b): b is AgentBot => b !== undefined && !!b.outgoingUrl,
		);
		return [...new Map(bots.map((b) => [b.id, b])).values()];
	}

	/**
	 * In order: one queue per destination keeps each receiver's deliveries in emit order. Realistic:
	 * each delivery is its own job after its own wait, and now and then the event goes out twice.
	 */
	private enqueue(delivery: Delivery): void {
		const generation = this.generation;
		const destination = `${delivery.kind}:${delivery.targetId}`;
		if (this.mode.mode === 'in-order') {
			this.work.inOrder(destination, () => this.attempt(delivery, 1, generation));
			return;
		}
		const copies = this.draw(destination) < this.mode.duplicateProbability ? 2 : 1;
		for (let copy = 0; copy < copies; copy += 1) {
			const job = copy === 0 ? delivery : { ...delivery, deliveryId: randomUUID() };
			this.work.later(this.queueWait(destination), () => this.attempt(job, 1, generation));
		}
	}

	/** How long a realistic job waits in Sidekiq's queue: 0…maxDelayMs. */
	private queueWait(stream: string): number {
		if (this.mode.mode === 'in-order') return 0;
		return Math.floor(this.draw(stream) * this.mode.maxDelayMs);
	}

	private draw(stream: string): number {
		let next = this.streams.get(stream);
		if (!next) {
			const seed = this.mode.mode === 'realistic' ? this.mode.seed : 0;
			next = seededRandom(streamSeed(seed, stream));
			this.streams.set(stream, next);
		}
		return next();
	}

	private async attempt(delivery: Delivery, attempt: number, generation: number): Promise<void> {
		if (generation !== this.generation) return;
		const outcome = await postWebhook({
			url: delivery.url,
			body: delivery.body,
			secret: delivery.secret,
			deliveryId: delivery.deliveryId,
			timeoutMs: this.options.timeoutMs,
			sign: this.options.sign,
			allowPrivateNetwork: this.options.allowPrivateNetwork,
			now: this.options.now(),
		});
		if (generation !== this.generation) return;
		const isBot = delivery.kind === 'agent_bot_webhook';
		const retry =
			isBot &&
			!outcome.ok &&
			outcome.status !== null &&
			RETRYABLE.has(outcome.status) &&
			attempt < BOT_ATTEMPTS;
		this.record(
			delivery,
			attempt,
			outcome,
			outcome.ok ? 'delivered' : retry ? 'retrying' : 'failed',
		);
		if (retry) {
			// retry_on keeps the job arguments, so the delivery id stays; timestamp and signature do not.
			this.work.later(this.options.botRetryDelayMs, () =>
				this.attempt(delivery, attempt + 1, generation),
			);
		} else if (isBot && !outcome.ok && delivery.event.conversationId !== null) {
			this.options.onBotFailure(delivery.event.name, delivery.event.conversationId);
		}
	}

	private record(
		delivery: Delivery,
		attempt: number,
		outcome: DeliveryOutcome,
		status: DeliveryRecord['outcome'],
	) {
		this.log.push({
			kind: delivery.kind,
			targetId: delivery.targetId,
			url: delivery.url,
			event: delivery.event.name,
			deliveryId: delivery.deliveryId,
			attempt,
			status: outcome.status,
			error: outcome.ok ? null : outcome.error,
			outcome: status,
			at: this.options.now().toISOString(),
		});
	}
}

/** FNV-1a over the stream's name, mixed with the seed: independent sequences from one seed. */
function streamSeed(seed: number, stream: string): number {
	let hash = 0x811c9dc5 ^ seed;
	for (let i = 0; i < stream.length; i += 1) {
		hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193);
	}
	return hash >>> 0;
}
