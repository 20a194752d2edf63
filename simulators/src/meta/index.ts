import type { Express } from 'express';
import { createSimApp, type SimContext } from '../common/sim-app.ts';
import { mountAdmin } from './admin.ts';
import { DEFAULT_ACCESS_TOKEN, type MetaSimConfigInput, parseConfig } from './config.ts';
import { mountGraphApi } from './graph-router.ts';
import { type MetaSimDeps, MetaSimState } from './state.ts';

export const META_SIM_DEFAULT_PORT = 8790;
export const META_SIM_DEFAULT_TOKEN = DEFAULT_ACCESS_TOKEN;

export type MetaSimulatorOptions = MetaSimConfigInput & MetaSimDeps;

export interface MetaSimulator {
	app: Express;
	ctx: SimContext;
	/** Config, stores, clock and the webhook dispatcher, for tests and the sandbox CLI. */
	state: MetaSimState;
	/** Cancels scheduled webhooks and retries (call before closing the server). */
	stop(): void;
}

/**
 * The Meta Graph API simulator: WhatsApp Cloud sends and statuses, Messenger and Instagram messaging,
 * Page and Instagram publishing, with signed webhooks to the configured callback URL.
 *
 * Admin API besides the core's (requests, reset, faults): GET|POST /__sim/config, POST /__sim/inbound,
 * POST /__sim/verify-webhook, GET /__sim/webhooks, POST /__sim/webhooks/flush, GET /__sim/state,
 * POST /__sim/clock, POST /__sim/statuses.
 */
export function createMetaSimulator(options: MetaSimulatorOptions = {}): MetaSimulator {
	const { clock, random, fetch, ...configInput } = options;
	const state = new MetaSimState(parseConfig(configInput), { clock, random, fetch });
	const { app, ctx } = createSimApp({
		name: 'meta',
		random,
		routes: (app) => mountGraphApi(app, state),
		reset: () => state.reset(),
		admin: (router) => mountAdmin(router, state),
	});
	return { app, ctx, state, stop: () => state.webhooks.reset() };
}

export type { MetaSimConfig, MetaSimConfigInput } from './config.ts';
export { MetaSimState } from './state.ts';
export type { WebhookDelivery, DeliveryResult } from './webhook-dispatcher.ts';
