// What the simulator knows about each model: the ids of the SDK 1.12 `Model` union and the rules
// that make the real API answer differently per model (reference/anthropic.md §0, §3, §8, §11).
export interface ModelSpec {
	id: string;
	maxOutputTokens: number;
	/** Haiku/Sonnet/Opus 5.5 think adaptively unless `thinking: {type: 'disabled'}` is sent. */
	adaptiveThinkingByDefault: boolean;
	/** Opus 5.5, Sonnet 5.5 and Fable 5.1 answer 400 to `tool_choice` `tool`/`any`. */
	forcedToolChoice: boolean;
	/** Haiku 5.5 answers 400 when the conversation ends on an assistant turn. */
	prefill: boolean;
	/** 5.x models only take adaptive thinking; `{type: 'enabled'}` is a 400. */
	manualThinking: boolean;
	/** Below this many prefix tokens a cache breakpoint is silently not cached. */
	minCacheableTokens: number;
	/** Claude 4.7+ and 5.x use a tokenizer that gives about 30 % more tokens for the same text. */
	charsPerToken: number;
}

type Family = 'five-five' | 'five' | 'four-new' | 'four-old';

const families: Record<Family, Omit<ModelSpec, 'id'>> = {
	'five-five': {
		maxOutputTokens: 128_000,
		adaptiveThinkingByDefault: true,
		forcedToolChoice: false,
		prefill: false,
		manualThinking: false,
		minCacheableTokens: 1024,
		charsPerToken: 3.5,
	},
	five: {
		maxOutputTokens: 128_000,
		adaptiveThinkingByDefault: false,
		forcedToolChoice: true,
		prefill: true,
		manualThinking: false,
		minCacheableTokens: 1024,
		charsPerToken: 3.5,
	},
	'four-new': {
		maxOutputTokens: 128_000,
		adaptiveThinkingByDefault: false,
		forcedToolChoice: true,
		prefill: true,
		manualThinking: true,
		minCacheableTokens: 1024,
		charsPerToken: 3.5,
	},
	'four-old': {
		maxOutputTokens: 64_000,
		adaptiveThinkingByDefault: false,
		forcedToolChoice: true,
		prefill: true,
		manualThinking: true,
		minCacheableTokens: 1024,
		charsPerToken: 4,
	},
};

const table: Array<[string, Family, Partial<ModelSpec>?]> = [
	['claude-haiku-5-5', 'five-five', { minCacheableTokens: 512, forcedToolChoice: true }],
	['claude-sonnet-5-5', 'five-five', { prefill: true }],
	['claude-opus-5-5', 'five-five', { prefill: true }],
	['claude-fable-5-1', 'five', { forcedToolChoice: false }],
	['claude-fable-5-2', 'five'],
	['claude-mythos-5-2', 'five'],
	['claude-mythos-5-1', 'five'],
	['claude-sonnet-5', 'five'],
	['claude-fable-5', 'five'],
	['claude-mythos-5', 'five'],
	['claude-opus-5', 'five'],
	['claude-opus-4-8', 'four-new'],
	['claude-opus-4-7', 'four-new'],
	['claude-mythos-preview', 'four-new'],
	['claude-opus-4-6', 'four-old'],
	['claude-sonnet-4-6', 'four-old'],
	['claude-haiku-4-5', 'four-old', { minCacheableTokens: 4096 }],
	['claude-haiku-4-5-20251001', 'four-old', { minCacheableTokens: 4096 }],
	['claude-opus-4-5', 'four-old'],
	['claude-opus-4-5-20251101', 'four-old'],
	['claude-sonnet-4-5', 'four-old'],
	['claude-sonnet-4-5-20250929', 'four-old'],
];

export const KNOWN_MODELS: ReadonlyMap<string, ModelSpec> = new Map(
	table.map(([id, family, overrides]) => [id, { id, ...families[family], ...overrides }]),
);

/** A model id the tests add (e.g. a future model) behaves like the newest family. */
export function extraModel(id: string): ModelSpec {
	return { id, ...families.five };
}

export function findModel(id: string, extra: ReadonlySet<string>): ModelSpec | undefined {
	return KNOWN_MODELS.get(id) ?? (extra.has(id) ? extraModel(id) : undefined);
}
