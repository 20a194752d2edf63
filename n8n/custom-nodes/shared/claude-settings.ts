import type { IExecuteFunctions } from 'n8n-workflow';

// Model and prices are the deployment's choice and change monthly: they live in .env, which the
// stack writes into the Switchboard Claude API credential; no node parameter or workflow names them.
export interface ModelSettings {
	model: string;
	prices: Record<string, { input: number; output: number; cacheWrite: number; cacheRead: number }>;
}

interface ClaudeCredential {
	model?: string;
	priceInput?: number;
	priceOutput?: number;
	priceCacheWrite?: number;
	priceCacheRead?: number;
}

/** The model and its prices from the node's Claude credential; the config refuses an empty one. */
export async function readModelSettings(context: IExecuteFunctions): Promise<ModelSettings> {
	const credential = await context.getCredentials<ClaudeCredential>('switchboardClaudeApi');
	const model = String(credential.model ?? '').trim();
	const price = {
		input: Number(credential.priceInput ?? 0),
		output: Number(credential.priceOutput ?? 0),
		cacheWrite: Number(credential.priceCacheWrite ?? 0),
		cacheRead: Number(credential.priceCacheRead ?? 0),
	};
	// All four at 0 is a credential whose prices were never filled in: an empty table, which the
	// config refuses rather than log every decision as free.
	const priced = Object.values(price).some((value) => value > 0);
	return { model, prices: model && priced ? { [model]: price } : {} };
}
