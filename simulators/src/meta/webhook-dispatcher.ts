import type { MetaSimConfig } from './config.ts';
import { describe } from './webhook-handshake.ts';
import { buildPayload, type WebhookObject, type WebhookUpdate } from './webhook-payloads.ts';
import { hubSignature256, hubSignatureSha1, metaJson } from './webhook-signature.ts';

export interface DeliveryAttempt {
	at: string;
	status: number | null;
	error?: string;
}

export type DeliveryState = 'pending' | 'retrying' | 'delivered' | 'failed' | 'no-target';

/** One POST (or, with no callback URL, one recorded payload), with every attempt made. */
export interface WebhookDelivery {
	id: number;
	url: string | null;
	object: WebhookObject;
	/** The exact bytes sent; the signature covers these. */
	body: string;
	signature: string;
	/** The legacy X-Hub-Signature (sha1) value, when that header is on. */
	signatureSha1: string | null;
	state: DeliveryState;
	attempts: DeliveryAttempt[];
}

export interface DeliveryResult {
	deliveryId: number | null;
	url: string | null;
	state: DeliveryState | 'cancelled';
	status: number | null;
	error?: string;
}

interface Queued {
	update: WebhookUpdate;
	url: string | null;
	done: (result: DeliveryResult) => void;
}

interface Running extends WebhookDelivery {
	waiters: Queued['done'][];
}

export interface DispatcherDeps {
	config: () => MetaSimConfig;
	fetch: typeof fetch;
	now: () => number;
}

const MAX_KEPT = 1000;

/**
 * Sends signed webhooks one POST at a time (so option-driven orderings stay as planned), batching
 * queued updates for the same URL and object, and retrying a POST not answered 200 on the configured
 * delays with the same bytes and signature, as Meta's at-least-once delivery does.
 */
export class WebhookDispatcher {
	private queue: Queued[] = [];
	private ready: Running[] = [];
	private deliveries: Running[] = [];
	private inFlight: Running | null = null;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly idleWaiters: (() => void)[] = [];
	private outstanding = 0;
	private pumping = false;
	private flushTimer: NodeJS.Timeout | null = null;
	private nextId = 1;
	private generation = 0;
	private readonly deps: DispatcherDeps;

	constructor(deps: DispatcherDeps) {
		this.deps = deps;
	}

	/** Queues an update; resolves once the POST carrying it has had its first attempt. */
	enqueue(update: WebhookUpdate, url: string | null): Promise<DeliveryResult> {
		this.outstanding += 1;
		return new Promise((resolve) => {
			this.queue.push({ update, url, done: resolve });
			this.scheduleFlush();
		});
	}

	/** Runs `work` after `delayMs` unless the simulator is reset first; counted until it has run. */
	later(delayMs: number, work: () => void): void {
		this.outstanding += 1;
		this.track(delayMs, () => {
			work();
			this.settle();
		});
	}

	list(): WebhookDelivery[] {
		return this.deliveries.map(({ waiters: _waiters, ...delivery }) => ({
			...delivery,
			attempts: [...delivery.attempts],
		}));
	}

	/** Resolves when nothing is queued, scheduled or awaiting its first attempt (retries aside). */
	idle(): Promise<void> {
		if (this.outstanding === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Drops everything queued or scheduled; what is in flight finishes but is not retried. */
	reset(): void {
		this.generation += 1;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		const cancelled = [...this.queue.map((q) => q.done), ...(this.inFlight?.waiters ?? [])];
		if (this.inFlight) this.inFlight.waiters = [];
		this.queue = [];
		this.ready = [];
		this.deliveries = [];
		for (const done of cancelled)
			done({ deliveryId: null, url: null, state: 'cancelled', status: null });
		this.outstanding = 0;
		this.releaseIdle();
	}

	private track(delayMs: number, fn: () => void): void {
		const generation = this.generation;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (generation === this.generation) fn();
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}

	private scheduleFlush(): void {
		if (this.flushTimer) return;
		this.flushTimer = setTimeout(() => {
			this.flushTimer = null;
			void this.pump();
		}, this.deps.config().delivery.batchWindowMs);
		this.flushTimer.unref();
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			for (;;) {
				const delivery = this.ready.shift() ?? this.nextBatch();
				if (!delivery) break;
				this.inFlight = delivery;
				await this.attempt(delivery, this.generation);
				this.inFlight = null;
			}
		} finally {
			this.pumping = false;
		}
	}

	private nextBatch(): Running | undefined {
		const first = this.queue[0];
		if (!first) return undefined;
		const { batchSize, escapeSlashes, sha1Header } = this.deps.config().delivery;
		const batch: Queued[] = [];
		const rest: Queued[] = [];
		for (const item of this.queue) {
			const fits =
				batch.length < batchSize &&
				item.url === first.url &&
				item.update.object === first.update.object;
			(fits ? batch : rest).push(item);
		}
		this.queue = rest;
		const { appSecret } = this.deps.config();
		const payload = buildPayload(
			first.update.object,
			batch.map((b) => b.update),
		);
		const body = metaJson(payload, { escapeSlashes });
		const delivery: Running = {
			id: this.nextId++,
			url: first.url,
			object: first.update.object,
			body,
			signature: hubSignature256(appSecret, body),
			signatureSha1: sha1Header ? hubSignatureSha1(appSecret, body) : null,
			state: 'pending',
			attempts: [],
			waiters: batch.map((b) => b.done),
		};
		this.deliveries.push(delivery);
		if (this.deliveries.length > MAX_KEPT) this.deliveries.shift();
		return delivery;
	}

	private async attempt(delivery: Running, generation: number): Promise<void> {
		const attempt = await this.post(delivery);
		if (generation !== this.generation) return;
		delivery.attempts.push(attempt);
		const ok = attempt.status === 200;
		const retries = this.deps.config().delivery.retryDelaysMs;
		const retryIndex = delivery.attempts.length - 1;
		if (delivery.url === null) delivery.state = 'no-target';
		else if (ok) delivery.state = 'delivered';
		else delivery.state = retryIndex < retries.length ? 'retrying' : 'failed';

		const waiters = delivery.waiters;
		delivery.waiters = [];
		for (const done of waiters) {
			const { id, url, state } = delivery;
			done({ deliveryId: id, url, state, status: attempt.status, error: attempt.error });
			this.settle();
		}
		if (delivery.state === 'retrying') {
			this.track(retries[retryIndex] ?? 0, () => {
				this.ready.push(delivery);
				void this.pump();
			});
		}
	}

	private async post(delivery: Running): Promise<DeliveryAttempt> {
		const at = new Date(this.deps.now()).toISOString();
		if (delivery.url === null) return { at, status: null, error: 'no webhook URL configured' };
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'facebookexternalua',
			'x-hub-signature-256': delivery.signature,
		};
		if (delivery.signatureSha1) headers['x-hub-signature'] = delivery.signatureSha1;
		try {
			const res = await this.deps.fetch(delivery.url, {
				method: 'POST',
				headers,
				body: delivery.body,
				// Meta does not follow redirects on webhook delivery.
				redirect: 'manual',
				signal: AbortSignal.timeout(this.deps.config().delivery.timeoutMs),
			});
			await res.arrayBuffer();
			return { at, status: res.status };
		} catch (err) {
			return { at, status: null, error: describe(err) };
		}
	}

	private settle(): void {
		this.outstanding = Math.max(0, this.outstanding - 1);
		if (this.outstanding === 0) this.releaseIdle();
	}

	private releaseIdle(): void {
		for (const resolve of this.idleWaiters.splice(0)) resolve();
	}
}
