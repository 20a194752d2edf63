import { createSimApp, type SimContext } from '../common/sim-app.ts';
import type { Express } from 'express';
import { mountScriptRoutes } from './handlers/script.ts';
import type { AnthropicSimulatorOptions } from './options.ts';
import { mountApi } from './router.ts';
import { AnthropicState } from './state/index.ts';

export { anthropicFault } from './faults.ts';
export { KNOWN_MODELS } from './models.ts';
export type { AnthropicSimulatorOptions } from './options.ts';
export type { ScriptedAnswer } from './state/script.ts';
export { AnthropicState } from './state/index.ts';

export const ANTHROPIC_SIM_DEFAULT_PORT = 8791;

export interface AnthropicSimulator {
	app: Express;
	ctx: SimContext;
	state: AnthropicState;
}

/**
 * The Anthropic API simulator: /v1/messages (JSON and SSE), count_tokens and Message Batches as SDK
 * 1.12 calls them, plus POST /__sim/script for scripted answers on top of the shared admin API.
 */
export function createAnthropicSimulator(
	options: AnthropicSimulatorOptions = {},
): AnthropicSimulator {
	const state = new AnthropicState(options);
	const { app, ctx } = createSimApp({
		name: 'anthropic',
		// Batches may carry up to 256 MB; single Messages calls 32 MB (reference §5.2).
		bodyLimit: '256mb',
		random: options.random,
		routes: (app) => mountApi(app, state),
		admin: (router) => mountScriptRoutes(router, state),
		reset: () => state.reset(),
	});
	return { app, ctx, state };
}
