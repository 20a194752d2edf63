// How webhooks leave the simulator. `in-order` (the default) posts one at a time per destination, in
// emit order, which makes tests easy to read. `realistic` does what Chatwoot does (§2.1): every
// webhook is its own Sidekiq job, jobs wait a random time in the queue and several workers run at
// once, so deliveries to one receiver overlap and arrive in any order; an event dispatched twice
// (§5.1: #11901, #7402) arrives twice under two delivery ids. Seeded, so a failure can be replayed.
import { randomInt } from 'node:crypto';
import { z } from 'zod/v4';

const MAX_SEED = 2 ** 32 - 1;

/** What POST /__sim/delivery and the `delivery` option accept. */
export const deliveryModeSchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('in-order') }),
	z.object({
		mode: z.literal('realistic'),
		/** Omitted: a random one, logged, so the run can be repeated. */
		seed: z.number().int().min(0).max(MAX_SEED).optional(),
		/** Longest a job waits in the queue before its POST; each waits 0…this, uniformly. */
		maxDelayMs: z.number().int().min(0).max(60_000).default(250),
		/** Chance that an event reaches a destination twice, under two delivery ids. */
		duplicateProbability: z.number().min(0).max(1).default(0.05),
	}),
]);
export type DeliveryModeInput = z.input<typeof deliveryModeSchema>;
export type DeliveryMode =
	| { mode: 'in-order' }
	| { mode: 'realistic'; seed: number; maxDelayMs: number; duplicateProbability: number };

/** Fills in the defaults and picks (and logs) a seed when none was given. */
export function resolveDeliveryMode(input: DeliveryModeInput = { mode: 'in-order' }): DeliveryMode {
	const parsed = deliveryModeSchema.parse(input);
	if (parsed.mode === 'in-order') return parsed;
	const mode = { ...parsed, seed: parsed.seed ?? randomInt(MAX_SEED) };
	console.log(
		`chatwoot simulator: realistic webhook delivery, seed ${mode.seed} (max delay ` +
			`${mode.maxDelayMs} ms, duplicates ${mode.duplicateProbability})`,
	);
	return mode;
}

/** mulberry32: a small, fast PRNG whose whole state is the 32-bit seed. Enough for jitter. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
