import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_MODELS } from '../models.ts';
import { PromptCache } from '../state/prompt-cache.ts';
import type { PromptParams } from '../validation/params.ts';
import { applyPromptCache } from './cache-usage.ts';
import { promptBlocks } from './prompt.ts';

const haiku = KNOWN_MODELS.get('claude-haiku-5-5')!;
const long = 'a'.repeat(3_500); // 1,000 tokens, above Haiku 5.5's 512 minimum

const prompt = (overrides: Partial<PromptParams> = {}): PromptParams => ({
	model: haiku.id,
	system: [
		{ type: 'text', text: long, cache_control: { type: 'ephemeral', ttl: '1h' } },
		{ type: 'text', text: long, cache_control: { type: 'ephemeral' } },
	],
	messages: [{ role: 'user', content: 'hello' }],
	...overrides,
});

const usage = (params: PromptParams, cache: PromptCache, now: number) =>
	applyPromptCache(promptBlocks(params, haiku), haiku, cache, now);

describe('applyPromptCache', () => {
	it('should split the written tokens by each breakpoint ttl', () => {
		const first = usage(prompt(), new PromptCache(), 0);
		assert.deepEqual(first.cache_creation, {
			ephemeral_1h_input_tokens: 1_000,
			ephemeral_5m_input_tokens: 1_000,
		});
		assert.equal(first.cache_creation_input_tokens, 2_000);
		assert.equal(first.cache_read_input_tokens, 0);
		assert.equal(first.input_tokens, 2 + 3);
	});

	it('should read the longest cached prefix and write only what follows it', () => {
		const cache = new PromptCache();
		usage(prompt(), cache, 0);
		const changedTail = prompt({
			system: [
				{ type: 'text', text: long, cache_control: { type: 'ephemeral', ttl: '1h' } },
				{ type: 'text', text: 'b'.repeat(3_500), cache_control: { type: 'ephemeral' } },
			],
		});
		const second = usage(changedTail, cache, 1_000);
		assert.equal(second.cache_read_input_tokens, 1_000);
		assert.equal(second.cache_creation_input_tokens, 1_000);
	});

	it('should miss after the ttl has passed without a read', () => {
		const cache = new PromptCache();
		const only5m = prompt({
			system: [{ type: 'text', text: long, cache_control: { type: 'ephemeral' } }],
		});
		usage(only5m, cache, 0);
		assert.equal(usage(only5m, cache, 4 * 60_000).cache_read_input_tokens, 1_000);
		// The read at 4 min refreshed the entry: 8 min is still within 5 min of it.
		assert.equal(usage(only5m, cache, 8 * 60_000).cache_read_input_tokens, 1_000);
		assert.equal(usage(only5m, cache, 14 * 60_000).cache_read_input_tokens, 0);
	});

	it('should mark the last block when cache_control is given at the top level', () => {
		const params = prompt({ system: long, cache_control: { type: 'ephemeral' } });
		const cache = new PromptCache();
		usage(params, cache, 0);
		const again = usage(params, cache, 1);
		assert.equal(again.input_tokens, 0);
		assert.equal(again.cache_read_input_tokens, 1_000 + 2 + 3);
	});

	it('should not share the cache between models', () => {
		const cache = new PromptCache();
		usage(prompt(), cache, 0);
		const sonnet = KNOWN_MODELS.get('claude-sonnet-5-5')!;
		const other = applyPromptCache(promptBlocks(prompt(), sonnet), sonnet, cache, 1);
		assert.equal(other.cache_read_input_tokens, 0);
	});
});
