import type { ModelSpec } from '../models.ts';
import type { CacheControl, PromptParams } from '../validation/params.ts';
import { estimateTokens } from './estimate.ts';

/** One cacheable piece of the prompt, in the order the API caches: tools → system → messages. */
export interface PromptBlock {
	/** What identifies the block for the prompt cache: its content without `cache_control`. */
	canonical: string;
	tokens: number;
	cacheControl: CacheControl | undefined;
}

// Fixed costs that make small prompts look like the real counts (a one-word prompt is ~8 tokens).
const messageOverhead = 3;
const structuredOutputOverhead = 20;
const mediaTokens = 1_500;

interface RawBlock {
	type?: unknown;
	text?: unknown;
	cache_control?: CacheControl | null;
	[key: string]: unknown;
}

function withoutCacheControl(block: RawBlock): RawBlock {
	const rest = { ...block };
	delete rest.cache_control;
	return rest;
}

function blockTokens(block: RawBlock, model: ModelSpec): number {
	if (block.type === 'text' && typeof block.text === 'string') {
		return estimateTokens(block.text, model);
	}
	if (block.type === 'image' || block.type === 'document') return mediaTokens;
	return estimateTokens(JSON.stringify(withoutCacheControl(block)), model);
}

function block(kind: string, raw: RawBlock, tokens: number): PromptBlock {
	return {
		canonical: JSON.stringify([kind, withoutCacheControl(raw)]),
		tokens,
		cacheControl: raw.cache_control ?? undefined,
	};
}

/** The prompt as the cache sees it; the top-level `cache_control` marks the last block. */
export function promptBlocks(params: PromptParams, model: ModelSpec): PromptBlock[] {
	const blocks: PromptBlock[] = [];
	for (const tool of params.tools ?? []) blocks.push(block('tool', tool, blockTokens(tool, model)));
	const schema = params.output_config?.format?.schema;
	if (schema) {
		const tokens = estimateTokens(JSON.stringify(schema), model) + structuredOutputOverhead;
		blocks.push(block('format', { schema }, tokens));
	}
	const system =
		typeof params.system === 'string'
			? [{ type: 'text', text: params.system }]
			: (params.system ?? []);
	for (const part of system) blocks.push(block('system', part, blockTokens(part, model)));
	for (const message of params.messages) {
		const parts: RawBlock[] =
			typeof message.content === 'string'
				? [{ type: 'text', text: message.content }]
				: message.content;
		parts.forEach((part, i) => {
			const tokens = blockTokens(part, model) + (i === 0 ? messageOverhead : 0);
			blocks.push(block(message.role, part, tokens));
		});
	}
	const last = blocks.at(-1);
	if (last && params.cache_control && !last.cacheControl) last.cacheControl = params.cache_control;
	return blocks;
}

export function totalTokens(blocks: readonly PromptBlock[]): number {
	return blocks.reduce((sum, b) => sum + b.tokens, 0);
}
