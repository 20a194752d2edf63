import type { MetaSimConfig } from './config.ts';
import type { WaStatusName } from './webhook-payloads.ts';

export type StatusPlanOptions = Pick<
	MetaSimConfig['statuses'],
	'sequence' | 'shuffle' | 'duplicate' | 'skipDelivered'
>;

/**
 * The status webhooks a delivered message produces, with the field's disorder on request: `delivered`
 * left out when `read` follows (Meta: "not sent because it's implied"), the order shuffled, and each
 * status sent twice (at-least-once delivery). Each knob is a probability, drawn from `random`.
 */
export function planStatuses(options: StatusPlanOptions, random: () => number): WaStatusName[] {
	let plan: WaStatusName[] = [...options.sequence];
	if (plan.includes('read') && random() < options.skipDelivered) {
		plan = plan.filter((s) => s !== 'delivered');
	}
	if (random() < options.shuffle) plan = shuffle(plan, random);
	const withDuplicates: WaStatusName[] = [];
	for (const status of plan) {
		withDuplicates.push(status);
		if (random() < options.duplicate) withDuplicates.push(status);
	}
	return withDuplicates;
}

// Fisher–Yates.
function shuffle<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i -= 1) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}
