import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

// Model and prices are the deployment's choice and change monthly: the operator sets them on the
// node, nothing here names a model.
export const modelProperties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. claude-sonnet-4-5',
		description: 'The Claude model ID to call',
	},
	{
		displayName: 'Prices (USD per Million Tokens)',
		name: 'prices',
		type: 'collection',
		placeholder: 'Add Price',
		default: {},
		description: "The model's prices, so each decision's cost is logged",
		options: [
			{ displayName: 'Cache Read', name: 'cacheRead', type: 'number', default: 0 },
			{ displayName: 'Cache Write', name: 'cacheWrite', type: 'number', default: 0 },
			{ displayName: 'Input', name: 'input', type: 'number', default: 0 },
			{ displayName: 'Output', name: 'output', type: 'number', default: 0 },
		],
	},
];

export interface ModelSettings {
	model: string;
	prices: Record<string, { input: number; output: number; cacheWrite: number; cacheRead: number }>;
}

/** The model and its prices; no price entered leaves the table empty, which the config refuses. */
export function readModelSettings(context: IExecuteFunctions, i: number): ModelSettings {
	const model = (context.getNodeParameter('model', i) as string).trim();
	const entered = context.getNodeParameter('prices', i, {}) as Partial<
		ModelSettings['prices'][string]
	>;
	if (Object.keys(entered).length === 0) return { model, prices: {} };
	const price = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0, ...entered };
	return { model, prices: { [model]: price } };
}
