// The broadcast sender: starts a broadcast when its job comes due, then sends its deliveries at
// the number's rate, each claimed with a lease, never twice, never to a suppressed number.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { delayFor, retriesLeft, type RetryPolicy } from '../common/retry.ts';
import { UnreachableError } from '../common/unreachable.ts';
import type { Jobs } from '../jobs/index.ts';
import {
	MetaApiError,
	MetaTokenError,
	WhatsAppPairRateError,
	WhatsAppThroughputError,
	type WhatsAppResource,
} from '../meta/index.ts';
import {
	activeRuns,
	claim,
	deliveryCounts,
	finishIfDone,
	mustStop,
	pauseRun,
	createAcceptedWriter,
	holdLease,
	renewLeases,
	markFailed,
	markOutcomeUnknown,
	markSkipped,
	recordUnstartedRun,
	release,
	requeue,
	requeueExpired,
	skipSuppressed,
	startRun,
	usersReachedLast24h,
	type ActiveRun,
	type ClaimedDelivery,
} from './deliveries.ts';
import {
	BroadcastPlanError,
	broadcastPlanSchema,
	type BroadcastStore,
	type DeliveryCounts,
} from './model.ts';
import { createPairGuard, createRateGate, type LimiterKind } from './rate-gate.ts';
import { CALLBACK_PREFIX } from './statuses.ts';
import { suppress, suppressedAmong } from './suppressions.ts';

export const BROADCAST_START_QUEUE = 'sb-broadcast-start';

export interface SenderLogger {
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

export interface BroadcastSenderOptions {
	pool: Pool;
	redis: Redis;
	jobs: Jobs;
	/** glue's WhatsApp client, built with retries: 0 (the sender decides about every retry). */
	whatsapp: Pick<WhatsAppResource, 'sendTemplate' | 'sendText'>;
	store: BroadcastStore;
	/** Messages per second per number (Meta's default: 80). */
	ratePerSecond?: number;
	ratePerNumber?: Record<string, number>;
	limiter?: LimiterKind;
	/** Unique users the portfolio may reach in 24 h (250, 2,000, 10,000, 100,000); null = unlimited. */
	portfolioLimit?: number | null;
	/** A broadcast found this long after its time (the stack was down) is marked missed. */
	graceMs?: number;
	/** How long a claimed send is held; a killed process's claims come back after it. */
	leaseMs?: number;
	/** How long a send whose answer was lost waits for a status webhook before it is sent again. */
	settleMs?: number;
	/** Retries of 5xx and network failures (the shared policy's backoff). */
	retryPolicy?: RetryPolicy;
	keyPrefix?: string;
	logger?: SenderLogger;
	/** How often idle senders look for work and running ones check for a cancel (ms). */
	pollMs?: number;
}

export interface BroadcastSender {
	/** Stops claiming; sends in flight finish. Other processes (or a restart) take over the rest. */
	stop(): Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What staff read on the paused broadcast in Directus (status note). */
export function tokenPauseReason(error: MetaTokenError): string {
	const { code, error_subcode: subcode, message } = error.graph;
	const which = subcode === undefined ? `#${code}` : `#${code}/${subcode}`;
	const what = error.problem === 'expired' ? 'has expired' : 'was refused';
	return (
		`Paused: the WhatsApp access token ${what} (Meta ${which}: ${message.slice(0, 200)}). ` +
		'Nothing more is sent until it is fixed: put a valid system-user token with ' +
		'whatsapp_business_messaging in META_WHATSAPP_TOKEN, restart the broadcast sender, then set ' +
		'this broadcast back to Processing. It continues where it stopped; nobody gets it twice.'
	);
}

export async function startBroadcastSender(
	options: BroadcastSenderOptions,
): Promise<BroadcastSender> {
	const { pool, store, logger } = options;
	const keyPrefix = options.keyPrefix ?? 'sb:';
	const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const gate = createRateGate({
		redis: options.redis,
		ratePerSecond: options.ratePerSecond ?? 80,
		ratePerNumber: options.ratePerNumber,
		keyPrefix,
		limiter: options.limiter,
	});
	const pairs = createPairGuard(options.redis, keyPrefix);
	const leaseMs = options.leaseMs ?? 60_000;
	const settleMs = options.settleMs ?? 60_000;
	const retry = options.retryPolicy ?? DEFAULT_RETRY;
	const pollMs = options.pollMs ?? 200;
	const pumps = new Map<string, Promise<void>>();
	// Each running pump's stop signal, so that a send that finds the token refused stops the rest.
	const signals = new Map<string, { aborted: boolean }>();
	// Meta said 130429: this process sends nothing more from the number until then (slots it had
	// reserved included); the gate holds the other processes back.
	const heldUntil = new Map<string, number>();
	const accepted = createAcceptedWriter(pool);
	let stopped = false;

	async function report(
		broadcastId: string,
		status: Parameters<BroadcastStore['reportStatus']>[1],
		reason?: string,
	) {
		const counts = await deliveryCounts(pool, broadcastId);
		// A progress report must not overwrite a pause another send just reported.
		if (status === 'processing' && (await mustStop(pool, broadcastId))) return;
		await store.reportStatus(broadcastId, status, counts, reason).catch((error: unknown) =>
			logger?.warn('broadcasts: reporting the status failed', {
				broadcastId,
				status,
				error: error instanceof Error ? error.message : String(error),
			}),
		);
	}

	async function start(broadcastId: string): Promise<void> {
		let input: Awaited<ReturnType<BroadcastStore['loadPlan']>>;
		try {
			input = await store.loadPlan(broadcastId);
		} catch (error) {
			if (!(error instanceof BroadcastPlanError)) throw error;
			await recordUnstartedRun(pool, broadcastId, '0', 'failed', error.message);
			await report(broadcastId, 'failed', error.message);
			return;
		}
		if (!input) {
			logger?.info('broadcasts: no longer scheduled, not started', { broadcastId });
			return;
		}
		const parsed = broadcastPlanSchema.safeParse(input);
		if (!parsed.success) {
			const reason = `the broadcast plan is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
			await recordUnstartedRun(pool, broadcastId, '0', 'failed', reason);
			await report(broadcastId, 'failed', reason);
			return;
		}
		const plan = parsed.data;
		const limit = options.portfolioLimit ?? null;
		if (limit !== null) {
			const reached = await usersReachedLast24h(pool);
			const fresh = new Set(plan.recipients.map((r) => r.phone).filter((p) => !reached.has(p)));
			if (reached.size + fresh.size > limit) {
				const reason =
					`the portfolio's 24-hour messaging limit (${limit} unique users) would be exceeded: ` +
					`${reached.size} reached in the last 24 h, ${fresh.size} more in this broadcast`;
				await recordUnstartedRun(pool, plan.broadcastId, plan.phoneNumberId, 'failed', reason);
				await report(plan.broadcastId, 'failed', reason);
				return;
			}
		}
		if (await startRun(pool, plan)) {
			logger?.info('broadcasts: started', {
				broadcastId: plan.broadcastId,
				recipients: plan.recipients.length,
			});
			await report(plan.broadcastId, 'processing');
		}
		void tick();
	}

	async function missed(broadcastId: string, lateMs: number): Promise<void> {
		const reason = `missed: found ${Math.round(lateMs / 1000)} s after its time (grace ${Math.round((options.graceMs ?? 0) / 1000)} s)`;
		await recordUnstartedRun(pool, broadcastId, '0', 'missed', reason);
		await report(broadcastId, 'missed', reason);
	}

	async function sendOne(delivery: ClaimedDelivery): Promise<void> {
		if (!(await holdLease(pool, delivery.id, owner, leaseMs))) {
			logger?.warn('broadcasts: lease lost before sending; left to its new holder', {
				broadcastId: delivery.broadcastId,
				deliveryId: delivery.id,
			});
			return;
		}
		const to = delivery.phone;
		const common = { to, bizOpaqueCallbackData: `${CALLBACK_PREFIX}${delivery.id}` };
		let wamid: string;
		try {
			const sent =
				delivery.message.kind === 'template'
					? await options.whatsapp.sendTemplate(delivery.phoneNumberId, {
							...common,
							name: delivery.message.name,
							language: delivery.message.language,
							components: delivery.message.components,
						})
					: await options.whatsapp.sendText(delivery.phoneNumberId, {
							...common,
							body: delivery.message.body,
						});
			wamid = sent.messageId;
		} catch (error) {
			await settleFailure(delivery, error);
			return;
		}
		// Meta accepted it: recording that may fail (the database busy) but never makes it unknown.
		for (let attempt = 1; ; attempt += 1) {
			try {
				await accepted.record(delivery.id, wamid);
				return;
			} catch (error) {
				if (attempt >= 10) throw error;
				await sleep(delayFor(retry, attempt));
			}
		}
	}

	async function retryOrFail(
		delivery: ClaimedDelivery,
		code: number | null,
		title: string,
		retryAfterMs: number | null = null,
	) {
		if (retriesLeft(retry, delivery.attempts)) {
			await requeue(pool, delivery.id, delayFor(retry, delivery.attempts, retryAfterMs), {
				error: { code: code ?? 0, title },
			});
		} else {
			await markFailed(
				pool,
				delivery.id,
				code,
				`gave up after ${delivery.attempts} attempts: ${title}`,
			);
		}
	}

	async function settleFailure(delivery: ClaimedDelivery, error: unknown): Promise<void> {
		const refused =
			error instanceof MetaApiError ||
			(error instanceof UnreachableError &&
				(error.reason === 'refused' || error.reason === 'host_not_found'));
		if (refused) await pairs.refund(delivery.phoneNumberId, delivery.phone);
		if (error instanceof MetaTokenError) {
			// Not this recipient's doing, and every other send would fail the same way: the
			// delivery goes back to the queue (no attempt lost) and the whole broadcast pauses.
			await requeue(pool, delivery.id, 0, { uncounted: true });
			const signal = signals.get(delivery.broadcastId);
			if (signal) signal.aborted = true;
			const reason = tokenPauseReason(error);
			if (await pauseRun(pool, delivery.broadcastId, reason)) {
				logger?.warn('broadcasts: paused, Meta refused the access token', {
					broadcastId: delivery.broadcastId,
					code: error.graph.code,
					subcode: error.graph.error_subcode,
				});
				await report(delivery.broadcastId, 'paused', reason);
			}
			return;
		}
		if (error instanceof WhatsAppThroughputError) {
			// Every process slows down, and this one goes back to the queue (not an attempt lost).
			const holdMs = error.retryAfterMs ?? 1_000;
			heldUntil.set(delivery.phoneNumberId, Date.now() + holdMs);
			await gate.slowDown(delivery.phoneNumberId, holdMs);
			await requeue(pool, delivery.id, error.retryAfterMs ?? 1_000, { uncounted: true });
			return;
		}
		if (error instanceof WhatsAppPairRateError) {
			// Meta: retry after 4^X seconds; only this recipient waits.
			const x = Math.min(delivery.attempts - 1, 4);
			await requeue(pool, delivery.id, 4 ** x * 1000, {
				error: { code: 131056, title: 'pair rate limit hit' },
			});
			return;
		}
		if (error instanceof MetaApiError) {
			const { code, message } = error.graph;
			const title = message.slice(0, 300);
			if (code === 131050) {
				await suppress(pool, delivery.phone, 'meta_131050_stopped_marketing', { code });
				return markFailed(pool, delivery.id, code, title);
			}
			if (code === 131049) {
				await suppress(pool, delivery.phone, 'meta_131049_marketing_cap', {
					code,
					until: new Date(Date.now() + DAY_MS),
				});
				return markFailed(pool, delivery.id, code, title);
			}
			if (code === 131047) {
				const message = delivery.message;
				if (message.kind === 'text' && message.fallbackTemplate) {
					return requeue(pool, delivery.id, 0, {
						message: message.fallbackTemplate,
						error: { code, title },
					});
				}
				return markFailed(pool, delivery.id, code, title);
			}
			// Meta answered with an error, so it did not send: a 5xx or a transient code may go again.
			if (error.retryable || (error.remoteStatus ?? 0) >= 500)
				return retryOrFail(delivery, code, title);
			return markFailed(pool, delivery.id, code, title);
		}
		if (
			error instanceof UnreachableError &&
			(error.reason === 'refused' || error.reason === 'host_not_found')
		) {
			// The request never left: safe to repeat.
			return retryOrFail(delivery, null, error.message);
		}
		// Timeout, reset, a 5xx without Meta's body, an unreadable answer: Meta may have sent it.
		// The status webhooks (they carry our delivery id) settle it before any second attempt.
		logger?.warn('broadcasts: send outcome unknown, waiting for status webhooks', {
			broadcastId: delivery.broadcastId,
			deliveryId: delivery.id,
			error: error instanceof Error ? error.message : String(error),
		});
		await markOutcomeUnknown(pool, delivery.id, settleMs);
	}

	/**
	 * Claims the next slice and does what can be done before the gate for all of it at once: the
	 * given-up ones fail, the suppressed are skipped (one query), the pair guard runs in parallel.
	 * What is left is ready to send; only the gate stands between each and Meta.
	 */
	async function nextSlice(run: ActiveRun): Promise<{ claimed: number; ready: ClaimedDelivery[] }> {
		const { broadcastId, phoneNumberId } = run;
		// About a quarter of a second of sends, so a lease never waits long behind the gate.
		const size = Math.max(4, Math.ceil(gate.rateOf(phoneNumberId) / 4));
		const batch = await claim(pool, broadcastId, owner, size, leaseMs);
		const suppressed = await suppressedAmong(
			pool,
			batch.map((d) => d.phone),
		);
		const checks = await Promise.all(
			batch.map(async (delivery) => {
				// Claimed again after sends that got no answer and no status webhook either.
				if (!retriesLeft(retry, delivery.attempts - 1)) {
					const tries = delivery.attempts - 1;
					await markFailed(
						pool,
						delivery.id,
						null,
						`gave up after ${tries} attempts without an answer`,
					);
					return null;
				}
				if (suppressed.has(delivery.phone)) {
					await markSkipped(pool, delivery.id, 'suppressed (opted out) before its turn');
					return null;
				}
				const pairWait = await pairs.take(phoneNumberId, delivery.phone);
				if (pairWait > 0) {
					await requeue(pool, delivery.id, pairWait, { uncounted: true });
					return null;
				}
				return delivery;
			}),
		);
		return { claimed: batch.length, ready: checks.filter((d): d is ClaimedDelivery => d !== null) };
	}

	async function pump(run: ActiveRun): Promise<void> {
		const { broadcastId, phoneNumberId } = run;
		const signal = { aborted: run.cancelled };
		signals.set(broadcastId, signal);
		const inFlight = new Set<Promise<void>>();
		// Cancelled, or paused by another process: stop before the next send.
		const watch = setInterval(() => {
			mustStop(pool, broadcastId).then(
				(stop) => {
					if (stop) signal.aborted = true;
				},
				() => undefined,
			);
		}, pollMs);
		let lastHousekeeping = 0;
		let lastReport = Date.now();
		// The next slice is claimed while the current one is sent, so the gate never waits on the
		// database and no slot of the number's rate is lost between slices.
		let upcoming: Promise<{ claimed: number; ready: ClaimedDelivery[] }> | null = null;
		try {
			while (!stopped && !signal.aborted) {
				if (Date.now() - lastHousekeeping > 1_000) {
					lastHousekeeping = Date.now();
					await requeueExpired(pool, broadcastId);
					await skipSuppressed(pool, broadcastId);
				}
				if (Date.now() - lastReport > 2_000) {
					lastReport = Date.now();
					void report(broadcastId, 'processing');
				}
				const slice = await (upcoming ?? nextSlice(run));
				upcoming = null;
				if (slice.claimed === 0) {
					await Promise.allSettled(inFlight);
					const status = await finishIfDone(pool, broadcastId);
					if (status) {
						logger?.info('broadcasts: finished', { broadcastId, status });
						await report(broadcastId, status);
						return;
					}
					await sleep(pollMs);
					continue;
				}
				const batch = slice.ready;
				const prefetchAt = Math.floor(batch.length / 2);
				if (batch.length === 0) upcoming = nextSlice(run);
				// One Redis call reserves the slice's slots (gcra); rate-limiter-flexible goes one by one.
				const reservation =
					batch.length > 0 ? await gate.reserve(phoneNumberId, batch.length) : null;
				const reservedAt = Date.now();
				for (let i = 0; i < batch.length; i += 1) {
					const delivery = batch[i] as ClaimedDelivery;
					if (i === prefetchAt) upcoming = nextSlice(run);
					if (reservation) {
						const wait = reservedAt + reservation.startMs + i * reservation.intervalMs - Date.now();
						if (wait > 0) await sleep(wait);
					}
					const held = (heldUntil.get(phoneNumberId) ?? 0) > Date.now();
					const go =
						!stopped &&
						!signal.aborted &&
						!held &&
						(reservation !== null || (await gate.acquire(phoneNumberId, signal)));
					if (!go || stopped || signal.aborted) {
						await release(
							pool,
							batch.slice(i).map((d) => d.id),
						);
						break;
					}
					const sending = sendOne(delivery).catch((error: unknown) =>
						logger?.warn('broadcasts: recording a send failed', {
							deliveryId: delivery.id,
							error: error instanceof Error ? error.message : String(error),
						}),
					);
					const tracked = sending.finally(() => inFlight.delete(tracked));
					inFlight.add(tracked);
				}
			}
		} finally {
			clearInterval(watch);
			signals.delete(broadcastId);
			// A slice claimed ahead and not sent goes back to the queue at once.
			if (upcoming) {
				const left = await (upcoming as Promise<{ ready: ClaimedDelivery[] }>).catch(() => ({
					ready: [],
				}));
				await release(
					pool,
					left.ready.map((d) => d.id),
				).catch(() => undefined);
			}
			await Promise.allSettled(inFlight);
		}
		if (signal.aborted && !stopped) {
			// Sends still unsettled when their lease ran out go back to the queue, to be cancelled.
			await requeueExpired(pool, broadcastId);
			const status = await finishIfDone(pool, broadcastId);
			if (status) {
				logger?.info('broadcasts: cancelled', { broadcastId });
				await report(broadcastId, status);
			}
		}
	}

	let ticking = false;
	async function tick(): Promise<void> {
		if (ticking || stopped) return;
		ticking = true;
		try {
			for (const run of await activeRuns(pool)) {
				if (pumps.has(run.broadcastId)) continue;
				const running = pump(run)
					.catch((error: unknown) =>
						logger?.warn('broadcasts: sending paused after an error; resumes on the next tick', {
							broadcastId: run.broadcastId,
							error: error instanceof Error ? error.message : String(error),
						}),
					)
					.finally(() => pumps.delete(run.broadcastId));
				pumps.set(run.broadcastId, running);
			}
		} finally {
			ticking = false;
		}
	}

	const offWork = await options.jobs.work<{ broadcastId: string }>(
		BROADCAST_START_QUEUE,
		(job) => start(job.data.broadcastId),
		{
			graceMs: options.graceMs ?? 15 * 60_000,
			onMissed: (job) => missed(job.data.broadcastId, job.lateMs),
			concurrency: 2,
		},
	);
	const heartbeat = setInterval(() => {
		renewLeases(pool, owner, leaseMs).catch(() => undefined);
	}, leaseMs / 3);
	const ticker = setInterval(
		() => {
			tick().catch((error: unknown) =>
				logger?.warn('broadcasts: looking for running broadcasts failed', {
					error: error instanceof Error ? error.message : String(error),
				}),
			);
		},
		Math.max(pollMs, 250),
	);
	void tick();

	return {
		async stop() {
			stopped = true;
			clearInterval(ticker);
			await offWork();
			await Promise.allSettled([...pumps.values()]);
			clearInterval(heartbeat);
		},
	};
}

export type { DeliveryCounts };
