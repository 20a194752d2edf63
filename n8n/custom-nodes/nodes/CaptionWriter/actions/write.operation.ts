import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseCaptionConfig, writeCaptions } from '@switchboard/glue/captions';
import { readModelSettings } from '../../../shared/claude-settings';
import { claudeClientFor } from '../../../shared/clients';

interface CaptionOptions {
	language?: string;
	maxRetries?: number;
	maxTokens?: number;
	timeoutMs?: number;
}

export const resultField = 'captions';

export const description: INodeProperties[] = [
	{
		displayName: 'Promotion',
		name: 'promotion',
		type: 'json',
		default: '={{ $json.post.promotion }}',
		required: true,
		description: "The promotion, as the Directus Content node's Get Live Promotions returns it",
	},
	{
		displayName: 'Business',
		name: 'business',
		type: 'json',
		default: "={{ $('Business Info').item.json }}",
		required: true,
		description:
			"Name, time zone and tone of voice, e.g. from Directus Content's Get Business Info",
	},
	{
		displayName: 'Platforms',
		name: 'platforms',
		type: 'multiOptions',
		options: [
			{ name: 'Facebook', value: 'facebook' },
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'TikTok', value: 'tiktok' },
		],
		default: ['facebook', 'instagram'],
		required: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. es',
				description: "The captions' language; empty: the promotion's",
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
			},
			{
				displayName: 'Max Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 4096,
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 60000,
			},
		],
	},
];

/**
 * Per platform either {ok: true, text, caption, hashtags} or {ok: false, error, code}, so a post on
 * one platform can go ahead while another's caption failed; and `usage`: model, calls, tokens, cost.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { language, maxRetries, ...rest } = this.getNodeParameter(
		'options',
		i,
		{},
	) as CaptionOptions;
	const config = parseCaptionConfig({ ...(await readModelSettings(this)), ...rest });
	const client = await claudeClientFor(this, { maxRetries: maxRetries ?? 2 });
	const result = await writeCaptions(
		{
			promotion: this.getNodeParameter('promotion', i, {}, { ensureType: 'json' }),
			business: this.getNodeParameter('business', i, {}, { ensureType: 'json' }),
			platforms: this.getNodeParameter('platforms', i) as string[],
			...(language?.trim() ? { language: language.trim() } : {}),
		},
		{ client, config, now: Date.now },
	);
	const captions: IDataObject = {};
	for (const [platform, outcome] of Object.entries(result.captions)) {
		captions[platform] = outcome.ok
			? { ok: true, text: outcome.text, caption: outcome.caption, hashtags: outcome.hashtags }
			: { ok: false, error: outcome.error.message, code: outcome.error.code };
	}
	return {
		...captions,
		usage: {
			model: result.model,
			calls: result.calls,
			inputTokens: result.inputTokens,
			outputTokens: result.outputTokens,
			cacheReadTokens: result.cacheReadTokens,
			cacheWriteTokens: result.cacheWriteTokens,
			costUsd: result.costUsd,
			latencyMs: result.latencyMs,
		},
	};
}
