// The simulator's switches read from the environment, so a whole suite (the e2e stack) can run
// against realistic delivery or another Chatwoot release without code changes.
import { z } from 'zod/v4';
import type { DeliveryModeInput } from './delivery-mode.ts';
import { chatwootVersionSchema, type ChatwootVersion } from './version.ts';

const envSchema = z.object({
	SWITCHBOARD_SIM_DELIVERY: z.enum(['in-order', 'realistic']).default('in-order'),
	SWITCHBOARD_SIM_DELIVERY_SEED: z.coerce.number().int().min(0).max(0xffffffff).optional(),
	SWITCHBOARD_SIM_CHATWOOT_VERSION: chatwootVersionSchema.default('4.15'),
});

export interface ChatwootSimEnvOptions {
	delivery: DeliveryModeInput;
	chatwootVersion: ChatwootVersion;
}

/**
 * SWITCHBOARD_SIM_DELIVERY (in-order | realistic), SWITCHBOARD_SIM_DELIVERY_SEED (to replay a
 * realistic run; logged when picked at random) and SWITCHBOARD_SIM_CHATWOOT_VERSION (4.15 | 4.16).
 * Unset or empty means today's behaviour; anything else unknown throws, naming the variable.
 */
export function chatwootSimOptionsFromEnv(env: NodeJS.ProcessEnv): ChatwootSimEnvOptions {
	const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const parsed = envSchema.safeParse(set);
	if (!parsed.success) {
		throw new Error(`chatwoot simulator: bad environment: ${z.prettifyError(parsed.error)}`);
	}
	const { data } = parsed;
	return {
		delivery:
			data.SWITCHBOARD_SIM_DELIVERY === 'realistic'
				? { mode: 'realistic', seed: data.SWITCHBOARD_SIM_DELIVERY_SEED }
				: { mode: 'in-order' },
		chatwootVersion: data.SWITCHBOARD_SIM_CHATWOOT_VERSION,
	};
}
