// Pacing shared by every sender process, in Redis: the per-number throughput (80 messages/s by
// default, reference/meta.md §3.7) and the per-recipient pair rate (1 message per 6 s).
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type LimiterKind = 'gcra' | 'rate-limiter-flexible';

export interface RateGateOptions {
	redis: Redis;
	/** Messages per second for a number without its own entry. */
	ratePerSecond: number;
	/** Per phone-number id, e.g. { '1065…': 1000 } after Meta's upgrade, or 20 for coexistence. */
	ratePerNumber?: Record<string, number>;
	keyPrefix: string;
	/**
	 * rate-limiter-flexible counts in fixed windows of whole seconds in Redis, so a full window's
	 * sends can leave at its very start and again at the start of the next: up to twice the rate
	 * within one second. The bench measured that against Meta's limit (see bench/broadcasts.ts);
	 * `gcra` spaces each send 1/rate apart instead (a generic cell rate algorithm, one Lua call).
	 */
	limiter?: LimiterKind;
	/**
	 * How far a sender that fell behind (a busy event loop, a slow database) may catch up on slots
	 * it missed, in ms (gcra only). Meta does not say how it counts "80 per second" (UNCERTAIN in
	 * reference/meta.md); 250 ms lets at most a quarter second's sends (20 at 80/s) go close
	 * together, never more than rate × t + 20 in any t.
	 */
	catchUpMs?: number;
	sleep?: (ms: number) => Promise<void>;
}

/** Slots reserved for a slice: the first starts in startMs (from the reservation), then every intervalMs. */
export interface Reservation {
	startMs: number;
	intervalMs: number;
}

export interface RateGate {
	/** Resolves when this process may send one message from `phoneNumberId`. */
	acquire(phoneNumberId: string, signal?: { aborted: boolean }): Promise<boolean>;
	/**
	 * Reserves `count` consecutive slots in one call (gcra); null with rate-limiter-flexible, whose
	 * callers acquire one at a time.
	 */
	reserve(phoneNumberId: string, count: number): Promise<Reservation | null>;
	/** Meta answered 130429: no send from this number for `ms`, in every process. */
	slowDown(phoneNumberId: string, ms: number): Promise<void>;
	rateOf(phoneNumberId: string): number;
}

// Reserves the next ARGV[2] free slots: slots are 1/rate apart and at most ARGV[3] ms in the past,
// so concurrent processes get distinct slots and the number keeps its rate. Returns the wait in ms
// before the first (negative: a slot missed by up to the catch-up allowance).
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(tat, now - tonumber(ARGV[3]))
local after = slot + interval * tonumber(ARGV[2])
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil(math.max(after - now, 0)) + 60000)
return tostring(slot - now)`;

const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ = math.max(tat, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], tostring(until_), 'PX', math.ceil(until_ - now) + 60000)
return tostring(until_ - now)`;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateGate(options: RateGateOptions): RateGate {
	const sleep = options.sleep ?? realSleep;
	const rateOf = (id: string) => options.ratePerNumber?.[id] ?? options.ratePerSecond;
	const key = (id: string) => `${options.keyPrefix}wa-rate:${id}`;
	const holdKey = (id: string) => `${options.keyPrefix}wa-hold:${id}`;
	const limiters = new Map<string, RateLimiterRedis>();

	async function held(id: string): Promise<number> {
		const ms = await options.redis.pttl(holdKey(id));
		return ms > 0 ? ms : 0;
	}

	async function acquireRlf(id: string, signal?: { aborted: boolean }): Promise<boolean> {
		let limiter = limiters.get(id);
		if (!limiter) {
			limiter = new RateLimiterRedis({
				storeClient: options.redis,
				keyPrefix: `${options.keyPrefix}wa-rlf`,
				points: rateOf(id),
				duration: 1,
			});
			limiters.set(id, limiter);
		}
		for (;;) {
			if (signal?.aborted) return false;
			const hold = await held(id);
			if (hold > 0) {
				await sleep(hold);
				continue;
			}
			try {
				await limiter.consume(id);
				return true;
			} catch (error) {
				if (!(error instanceof RateLimiterRes)) throw error;
				await sleep(Math.max(1, error.msBeforeNext));
			}
		}
	}

	const catchUpMs = String(options.catchUpMs ?? 250);
	async function reserveGcra(id: string, count: number): Promise<Reservation> {
		const intervalMs = 1000 / rateOf(id);
		const startMs = Number(
			await options.redis.eval(RESERVE, 1, key(id), String(intervalMs), String(count), catchUpMs),
		);
		return { startMs, intervalMs };
	}

	async function acquireGcra(id: string, signal?: { aborted: boolean }): Promise<boolean> {
		if (signal?.aborted) return false;
		const { startMs } = await reserveGcra(id, 1);
		if (startMs > 0) await sleep(startMs);
		return !signal?.aborted;
	}

	return {
		rateOf,
		acquire: (id, signal) =>
			options.limiter === 'rate-limiter-flexible'
				? acquireRlf(id, signal)
				: acquireGcra(id, signal),
		reserve: async (id, count) =>
			options.limiter === 'rate-limiter-flexible' ? null : reserveGcra(id, count),
		async slowDown(id, ms) {
			await options.redis.eval(HOLD, 1, key(id), String(ms));
			await options.redis.set(holdKey(id), '1', 'PX', Math.max(1, Math.round(ms)));
		},
	};
}

export interface PairGuard {
	/** 0 when a message to `phone` may go now (and counts it); otherwise how long to wait, in ms. */
	take(phoneNumberId: string, phone: string): Promise<number>;
	/** Gives the message back: Meta refused the send, so nothing reached the person. */
	refund(phoneNumberId: string, phone: string): Promise<void>;
}

/**
 * Meta allows one message every 6 s to the same person (bursts of 45 borrow from the future,
 * §3.7); a broadcast needs one, so the guard keeps the plain rate, shared by every process.
 */
export function createPairGuard(redis: Redis, keyPrefix: string, intervalMs = 6_000): PairGuard {
	const limiter = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `${keyPrefix}wa-pair`,
		points: 1,
		duration: Math.ceil(intervalMs / 1000),
	});
	return {
		async take(phoneNumberId, phone) {
			try {
				await limiter.consume(`${phoneNumberId}:${phone}`);
				return 0;
			} catch (error) {
				if (!(error instanceof RateLimiterRes)) throw error;
				return Math.max(1, error.msBeforeNext);
			}
		},
		async refund(phoneNumberId, phone) {
			await limiter.reward(`${phoneNumberId}:${phone}`, 1);
		},
	};
}
