import type { ModelSpec } from '../models.ts';
import { newId } from '../state/ids.ts';
import type { ScriptedMessage } from '../state/script.ts';
import type { Responder } from '../responder/index.ts';
import { estimateTokens } from '../tokens/estimate.ts';
import { isThinkingOn } from '../validation/rules.ts';
import type { MessageCreateParams } from '../validation/params.ts';
import { isText, isToolUse, type OutputBlock, type StopReason } from './message.ts';

export interface Generated {
	content: OutputBlock[];
	stopReason: StopReason;
	stopSequence: string | null;
	thinkingTokens: number;
}

// Adaptive thinking on 5.5 models puts a thinking block first; its text is omitted by default.
const thinkingTokens = 24;

function thinkingBlock(params: MessageCreateParams): OutputBlock {
	const summarized =
		params.thinking?.type === 'adaptive' && params.thinking.display === 'summarized';
	return {
		type: 'thinking',
		thinking: summarized ? 'The user wants a direct answer based on the provided content.' : '',
		signature: newId.signature(),
	};
}

function answerBlock(params: MessageCreateParams, responder: Responder): OutputBlock {
	const choice = params.tool_choice;
	const forced =
		choice?.type === 'tool'
			? params.tools?.find((t) => t.name === choice.name)
			: choice?.type === 'any'
				? params.tools?.[0]
				: undefined;
	if (forced) {
		return {
			type: 'tool_use',
			id: newId.toolUse(),
			name: forced.name,
			input: responder.structured(params, forced.input_schema ?? { type: 'object' }),
			caller: { type: 'direct' },
		};
	}
	const schema = params.output_config?.format?.schema;
	const text = schema
		? JSON.stringify(responder.structured(params, schema))
		: responder.text(params);
	return { type: 'text', text, citations: null };
}

// A generated text stops at the first stop sequence, or runs out of max_tokens mid-way; structured
// JSON cut short stays invalid, exactly as the real API leaves it.
function limitText(text: string, params: MessageCreateParams, budgetChars: number) {
	const stops = (params.stop_sequences ?? [])
		.map((sequence) => ({ sequence, at: text.indexOf(sequence) }))
		.filter((s) => s.at >= 0)
		.sort((a, b) => a.at - b.at);
	const stop = stops[0];
	if (stop && stop.at <= budgetChars) {
		return {
			text: text.slice(0, stop.at),
			stopReason: 'stop_sequence' as const,
			stopSequence: stop.sequence,
		};
	}
	if (text.length > budgetChars) {
		return {
			text: text.slice(0, budgetChars),
			stopReason: 'max_tokens' as const,
			stopSequence: null,
		};
	}
	return { text, stopReason: undefined, stopSequence: null };
}

/** What the deterministic responder answers to a valid request. */
export function generateContent(
	params: MessageCreateParams,
	model: ModelSpec,
	responder: Responder,
): Generated {
	// max_tokens 0 only warms the prompt cache (reference §1.1).
	if (params.max_tokens === 0) {
		return { content: [], stopReason: 'max_tokens', stopSequence: null, thinkingTokens: 0 };
	}
	const thinking = isThinkingOn(params, model);
	const answer = answerBlock(params, responder);
	const used = thinking ? thinkingTokens : 0;
	const content: OutputBlock[] = thinking ? [thinkingBlock(params)] : [];
	if (isToolUse(answer)) {
		content.push(answer);
		return { content, stopReason: 'tool_use', stopSequence: null, thinkingTokens: used };
	}
	const budgetChars = Math.max(0, Math.floor((params.max_tokens - used) * model.charsPerToken));
	const limited = limitText(isText(answer) ? answer.text : '', params, budgetChars);
	content.push({ type: 'text', text: limited.text, citations: null });
	return {
		content,
		stopReason: limited.stopReason ?? 'end_turn',
		stopSequence: limited.stopSequence,
		thinkingTokens: used,
	};
}

/** A scripted answer's content: verbatim, with the fields the SDK expects filled in. */
export function scriptedContent(answer: ScriptedMessage): Generated {
	const blocks: OutputBlock[] = answer.content?.map((block): OutputBlock => {
		if (block.type === 'text') return { citations: null, ...block };
		if (block.type === 'tool_use') {
			return { id: newId.toolUse(), caller: { type: 'direct' }, input: {}, ...block };
		}
		return block;
	}) ?? [{ type: 'text', text: answer.text ?? JSON.stringify(answer.json), citations: null }];
	return {
		content: blocks,
		stopReason: answer.stop_reason ?? (blocks.some(isToolUse) ? 'tool_use' : 'end_turn'),
		stopSequence: null,
		thinkingTokens: 0,
	};
}

export function outputTokens(
	content: readonly OutputBlock[],
	thinking: number,
	model: ModelSpec,
): number {
	return content.reduce((sum, block) => {
		if (isText(block)) return sum + estimateTokens(block.text, model);
		if (isToolUse(block)) return sum + estimateTokens(JSON.stringify(block.input), model);
		return sum;
	}, thinking);
}
