import type { Express } from 'express';
import { createSimApp, type SimContext } from '../common/sim-app.ts';
import { mountAdminRoutes } from './admin.ts';
import { applySeed } from './apply-seed.ts';
import { CHATWOOT_SIM_DEFAULT_PORT, CHATWOOT_SIM_WHATSAPP_VERIFY_TOKEN } from './constants.ts';
import { handleBotFailure } from './bot-failure.ts';
import { ConcurrentLabelWrites } from './concurrent-labels.ts';
import { systemClock, type Clock } from './clock.ts';
import type { SimDeps } from './deps.ts';
import { resolveDeliveryMode, type DeliveryModeInput } from './delivery-mode.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { mountChatwootRoutes } from './router.ts';
import { defaultSeed, type SeedInput } from './seed.ts';
import { ChatwootState, type IdFloor } from './state.ts';
import { SwaggerValidator } from './validate.ts';
import type { ChatwootVersion } from './version.ts';
import { WorkQueue } from './work-queue.ts';

export * from './constants.ts';
export {
	defaultSeed,
	seedSchema,
	type DefaultSeedOptions,
	type Seed,
	type SeedInput,
} from './seed.ts';
export { ChatwootState, type IdFloor } from './state.ts';
export { WebhookDispatcher } from './dispatcher.ts';
export type { DeliveryRecord, WebhookChaos } from './delivery.ts';
export type { DeliveryMode, DeliveryModeInput } from './delivery-mode.ts';
export { chatwootSimOptionsFromEnv, type ChatwootSimEnvOptions } from './env-options.ts';
export type { ChatwootVersion } from './version.ts';
export type * from './types.ts';

export interface ChatwootSimulatorOptions {
	/** Replaces the default seed; POST /__sim/reset goes back to it. */
	seed?: SeedInput;
	/** Shortcut for the default seed's bot webhook target (ignored when `seed` is given). */
	botOutgoingUrl?: string | null;
	/** WEBHOOK_TIMEOUT, default 5000 ms. */
	webhookTimeoutMs?: number;
	/** Wait between agent-bot retries; Chatwoot waits 3 s, tests want less. */
	botRetryDelayMs?: number;
	/** Sign webhooks (4.12+ account webhooks, 4.13+ bots). False simulates an older Chatwoot. */
	signWebhooks?: boolean;
	/** SAFE_FETCH_ALLOW_PRIVATE_NETWORK: default true, since n8n usually sits on the same network. */
	allowPrivateNetwork?: boolean;
	/** Give outgoing WhatsApp messages a wamid and a message_updated afterwards. Default true. */
	simulateWhatsappSend?: boolean;
	/** Meta's hub.verify_token for GET /webhooks/whatsapp/:phone_number. */
	whatsappVerifyToken?: string;
	/** WHATSAPP_APP_SECRET: when set, Meta posts must carry a valid X-Hub-Signature-256. */
	whatsappAppSecret?: string | null;
	/** FRONTEND_URL, the host of attachment URLs. */
	frontendUrl?: string;
	/**
	 * Ids an earlier run gave out: new conversations (display ids) and messages are numbered after
	 * them, as a real Chatwoot's never start again at 1. Also after POST /__sim/reset.
	 */
	idsAfter?: IdFloor;
	/**
	 * `{ mode: 'realistic', seed }` delivers webhooks the way Chatwoot's Sidekiq does: concurrently,
	 * out of order, now and then twice. Default in order, one at a time per destination. POST
	 * /__sim/delivery changes it while running; POST /__sim/reset goes back to this.
	 */
	delivery?: DeliveryModeInput;
	/** Whose rules apply: '4.15' (default) or '4.16' (the agent bot owns its conversations). */
	chatwootVersion?: ChatwootVersion;
	clock?: Clock;
	random?: () => number;
}

export interface ChatwootSimulator {
	app: Express;
	ctx: SimContext;
	state: ChatwootState;
	/** Outbound webhooks: `idle()` waits for them, `log` lists every attempt. */
	webhooks: WebhookDispatcher;
}

/** A Chatwoot 4.15 (or 4.16) Application API with its outbound webhooks, in memory. */
export function createChatwootSimulator(options: ChatwootSimulatorOptions = {}): ChatwootSimulator {
	const clock = options.clock ?? systemClock;
	const seed = () =>
		options.seed ?? defaultSeed({ botOutgoingUrl: options.botOutgoingUrl ?? null });
	const state = new ChatwootState(options.idsAfter);
	const work = new WorkQueue();
	const chatwootVersion = options.chatwootVersion ?? '4.15';
	const deps: SimDeps = {
		state,
		clock,
		work,
		simulateWhatsappSend: options.simulateWhatsappSend ?? true,
		chatwootVersion,
		events: { emit: (event) => webhooks.emit(event) },
	};
	const webhooks = new WebhookDispatcher(state, {
		timeoutMs: options.webhookTimeoutMs ?? 5000,
		botRetryDelayMs: options.botRetryDelayMs ?? 3000,
		sign: options.signWebhooks ?? true,
		allowPrivateNetwork: options.allowPrivateNetwork ?? true,
		random: options.random ?? Math.random,
		delivery: resolveDeliveryMode(options.delivery),
		now: clock,
		work,
		onBotFailure: (event, conversationId) => handleBotFailure(deps, event, conversationId),
	});
	const validator = new SwaggerValidator();
	const concurrentLabels = new ConcurrentLabelWrites(deps);
	applySeed(state, seed(), clock);
	const { app, ctx } = createSimApp({
		name: 'chatwoot',
		random: options.random,
		routes: (app) => {
			app.use(concurrentLabels.middleware);
			mountChatwootRoutes(app, deps, validator, {
				verifyToken: options.whatsappVerifyToken ?? CHATWOOT_SIM_WHATSAPP_VERIFY_TOKEN,
				appSecret: options.whatsappAppSecret ?? null,
				frontendUrl: options.frontendUrl ?? `http://localhost:${CHATWOOT_SIM_DEFAULT_PORT}`,
			});
		},
		reset: () => {
			webhooks.reset();
			concurrentLabels.clear();
			deps.chatwootVersion = chatwootVersion;
			applySeed(state, seed(), clock);
		},
		admin: (router) => {
			mountAdminRoutes(router, { deps, dispatcher: webhooks, defaultSeed: seed });
			concurrentLabels.mountAdmin(router);
		},
	});
	return { app, ctx, state, webhooks };
}
