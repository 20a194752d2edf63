// Reading a structured answer from Claude, shared by every caller that asks for one (the triage,
// the captions): what was spent, and whether the output can be used or why not.
import type Anthropic from '@anthropic-ai/sdk';
import { fallbackForAnswer, type FallbackInfo } from './fallback-reason.ts';
import type { TokenUsage } from './pricing.ts';

/** What our output formats' parse step reports instead of throwing. */
export type ParsedCheck<T> = { ok: true; output: T } | { ok: false; problem: string };

export type Answer<T> = { ok: true; output: T } | { ok: false; info: FallbackInfo };

export function usageOf(usage: Anthropic.Usage): TokenUsage {
	return {
		inputTokens: usage.input_tokens,
		outputTokens: usage.output_tokens,
		cacheReadTokens: usage.cache_read_input_tokens ?? 0,
		cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
		cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
	};
}

/** The parsed output, or why it cannot be used: a refusal, a cut-off answer, or a bad shape. */
export function readAnswer<T>(
	message: Anthropic.Message & { parsed_output: ParsedCheck<T> | null },
	maxTokens: number,
): Answer<T> {
	if (message.stop_reason === 'refusal') {
		const category = message.stop_details?.category;
		const detail = `stop_reason refusal${category ? ` (${category})` : ''}`;
		return { ok: false, info: fallbackForAnswer('refusal', detail) };
	}
	if (
		message.stop_reason === 'max_tokens' ||
		message.stop_reason === 'model_context_window_exceeded'
	) {
		const detail = `stop_reason ${message.stop_reason} with max_tokens ${maxTokens}`;
		return { ok: false, info: fallbackForAnswer('max_tokens', detail) };
	}
	const check = message.parsed_output;
	if (!check) {
		return { ok: false, info: fallbackForAnswer('invalid_output', 'the answer has no text block') };
	}
	return check.ok
		? { ok: true, output: check.output }
		: { ok: false, info: fallbackForAnswer('invalid_output', check.problem) };
}
