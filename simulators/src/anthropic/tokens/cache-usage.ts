import { createHash } from 'node:crypto';
import type { ModelSpec } from '../models.ts';
import type { PromptCache } from '../state/prompt-cache.ts';
import { type PromptBlock, totalTokens } from './prompt.ts';

export interface InputUsage {
	input_tokens: number;
	cache_creation_input_tokens: number;
	cache_read_input_tokens: number;
	cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

interface Breakpoint {
	hash: string;
	prefixTokens: number;
	ttl: '5m' | '1h';
}

// Each breakpoint stands for the whole prefix up to it, so its hash chains over every earlier block.
function breakpoints(blocks: readonly PromptBlock[], model: ModelSpec): Breakpoint[] {
	const found: Breakpoint[] = [];
	let hash = createHash('sha256').update(model.id).digest('hex');
	let prefixTokens = 0;
	for (const block of blocks) {
		hash = createHash('sha256').update(hash).update(block.canonical).digest('hex');
		prefixTokens += block.tokens;
		if (block.cacheControl) found.push({ hash, prefixTokens, ttl: block.cacheControl.ttl ?? '5m' });
	}
	// Below the model's minimum a breakpoint is silently not cached (reference §3).
	return found.filter((b) => b.prefixTokens >= model.minCacheableTokens);
}

/**
 * Splits the prompt's tokens into uncached, cache-written and cache-read, and updates the cache:
 * the longest cached prefix is read, every longer breakpoint is written.
 */
export function applyPromptCache(
	blocks: readonly PromptBlock[],
	model: ModelSpec,
	cache: PromptCache,
	now: number,
): InputUsage {
	const points = breakpoints(blocks, model);
	let readIndex = -1;
	for (let i = points.length - 1; i >= 0; i -= 1) {
		const point = points[i];
		if (point && cache.read(point.hash, now)) {
			readIndex = i;
			break;
		}
	}
	const read = points[readIndex]?.prefixTokens ?? 0;
	const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
	let written = read;
	for (const point of points.slice(readIndex + 1)) {
		const segment = point.prefixTokens - written;
		if (point.ttl === '1h') creation.ephemeral_1h_input_tokens += segment;
		else creation.ephemeral_5m_input_tokens += segment;
		written = point.prefixTokens;
		cache.write(point.hash, point.ttl, now);
	}
	return {
		input_tokens: totalTokens(blocks) - written,
		cache_creation_input_tokens: written - read,
		cache_read_input_tokens: read,
		cache_creation: creation,
	};
}
