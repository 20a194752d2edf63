import type { Express } from 'express';
import { ANTHROPIC_SIM_DEFAULT_PORT, createAnthropicSimulator } from './anthropic/index.ts';
import { CHATWOOT_SIM_DEFAULT_PORT, createChatwootSimulator } from './chatwoot/index.ts';
import { META_SIM_DEFAULT_PORT, createMetaSimulator } from './meta/index.ts';

export interface SimulatorEntry {
	title: string;
	defaultPort: number;
	/** What a person opens to see what the simulator received. */
	page: string;
	create: () => { app: Express };
}

/** Every simulator by the name `npm run sim -- <name>` and the local stack use. */
export const simulators = {
	chatwoot: {
		title: 'Chatwoot 4.15',
		defaultPort: CHATWOOT_SIM_DEFAULT_PORT,
		page: '/__sim/',
		create: () => createChatwootSimulator(),
	},
	meta: {
		title: 'Meta Graph API',
		defaultPort: META_SIM_DEFAULT_PORT,
		page: '/__sim/requests',
		create: () => createMetaSimulator(),
	},
	anthropic: {
		title: 'Anthropic API',
		defaultPort: ANTHROPIC_SIM_DEFAULT_PORT,
		page: '/__sim/requests',
		create: () => createAnthropicSimulator(),
	},
} satisfies Record<string, SimulatorEntry>;
export type SimulatorName = keyof typeof simulators;
