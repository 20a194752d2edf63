import { ApiError, retryAfterFor } from '../http/errors.ts';
import type { ModelSpec } from '../models.ts';
import type { AnthropicState } from '../state/index.ts';
import { newId } from '../state/ids.ts';
import { isScriptedError, type ScriptedMessage } from '../state/script.ts';
import { applyPromptCache } from '../tokens/cache-usage.ts';
import type { PromptBlock } from '../tokens/prompt.ts';
import type { MessageCreateParams } from '../validation/params.ts';
import { generateContent, outputTokens, scriptedContent } from './content.ts';
import type { SimMessage } from './message.ts';

export type Outcome =
	| { kind: 'message'; message: SimMessage; streamError: ScriptedMessage['stream_error'] }
	/** `body`, when set, replaces the real error shape (a test scripted it verbatim). */
	| { kind: 'error'; error: ApiError; body: unknown };

/**
 * Answers one validated Messages request: the next scripted answer if a test queued one, otherwise
 * the deterministic responder; usage counts the prompt and updates the prompt cache.
 */
export function runMessage(
	state: AnthropicState,
	params: MessageCreateParams,
	model: ModelSpec,
	blocks: readonly PromptBlock[],
	serviceTier: 'standard' | 'batch',
): Outcome {
	const scripted = state.script.next();
	if (scripted && isScriptedError(scripted)) {
		const { status, type, message, headers, body } = scripted.error;
		const allHeaders = { ...retryAfterFor(status), ...headers };
		return {
			kind: 'error',
			error: new ApiError(status, message, { type, headers: allHeaders }),
			body,
		};
	}
	const generated = scripted
		? scriptedContent(scripted)
		: generateContent(params, model, state.responder);
	const input = applyPromptCache(blocks, model, state.cache, state.now().getTime());
	const output = outputTokens(generated.content, generated.thinkingTokens, model);
	const message: SimMessage = {
		id: newId.message(),
		type: 'message',
		role: 'assistant',
		model: params.model,
		content: generated.content,
		stop_reason: generated.stopReason,
		stop_sequence: generated.stopSequence,
		stop_details: scripted?.stop_details ?? null,
		container: null,
		diagnostics: null,
		usage: {
			...input,
			input_tokens: scripted?.usage?.input_tokens ?? input.input_tokens,
			output_tokens: scripted?.usage?.output_tokens ?? output,
			output_tokens_details: generated.thinkingTokens
				? { thinking_tokens: generated.thinkingTokens }
				: null,
			server_tool_use: null,
			service_tier: serviceTier,
			inference_geo: params.inference_geo ?? 'global',
			speed: params.speed ?? null,
		},
	};
	return { kind: 'message', message, streamError: scripted?.stream_error };
}
