import { ApiError } from '../http/errors.ts';
import type { ModelSpec } from '../models.ts';
import type { MessageCreateParams, PromptParams } from './params.ts';

// Checks the schema cannot express: they depend on the model or on several fields together
// (reference/anthropic.md §13.3). Each returns the error the real API answers, or undefined.

type Rule<P> = (params: P, model: ModelSpec) => ApiError | undefined;

export function isThinkingOn(params: PromptParams, model: ModelSpec): boolean {
	const type = params.thinking?.type;
	return type === undefined ? model.adaptiveThinkingByDefault : type !== 'disabled';
}

const forcedToolChoice: Rule<PromptParams> = (params, model) => {
	const choice = params.tool_choice;
	if (choice?.type !== 'tool' && choice?.type !== 'any') return undefined;
	if (!model.forcedToolChoice) {
		return new ApiError(
			400,
			`tool_choice: forced tool use (type "${choice.type}") is not supported on ${model.id}; use "auto" or structured outputs`,
		);
	}
	if (isThinkingOn(params, model)) {
		return new ApiError(400, 'Thinking may not be enabled when tool_choice forces tool use.');
	}
	if (!params.tools?.length) {
		return new ApiError(400, 'tool_choice: tools must be provided when tool_choice is set');
	}
	if (choice.type === 'tool' && !params.tools.some((t) => t.name === choice.name)) {
		return new ApiError(400, `tool_choice: tool "${choice.name}" is not among the provided tools`);
	}
	return undefined;
};

const manualThinking: Rule<PromptParams> = (params, model) =>
	params.thinking?.type === 'enabled' && !model.manualThinking
		? new ApiError(400, `thinking.type: "enabled" is not supported on ${model.id}; use "adaptive"`)
		: undefined;

const emptyContent: Rule<PromptParams> = (params) => {
	const last = params.messages.length - 1;
	const index = params.messages.findIndex(
		(m, i) =>
			(i !== last || m.role !== 'assistant') && (m.content === '' || m.content.length === 0),
	);
	return index < 0
		? undefined
		: new ApiError(
				400,
				`messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
			);
};

const prefill: Rule<PromptParams> = (params, model) =>
	params.messages.at(-1)?.role === 'assistant' && !model.prefill
		? new ApiError(
				400,
				`This model does not support assistant message prefill. The conversation must end with a user message.`,
			)
		: undefined;

const maxBreakpoints = 4;

const cacheBreakpoints: Rule<PromptParams> = (params) => {
	const blocks = [
		...(params.tools ?? []),
		...(Array.isArray(params.system) ? params.system : []),
		...params.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])),
	];
	const found = blocks.filter((b) => b.cache_control).length + (params.cache_control ? 1 : 0);
	return found > maxBreakpoints
		? new ApiError(
				400,
				`A maximum of ${maxBreakpoints} blocks with cache_control may be provided. Found ${found}.`,
			)
		: undefined;
};

const maxTokens: Rule<MessageCreateParams> = (params, model) => {
	if (params.max_tokens > model.maxOutputTokens) {
		return new ApiError(
			400,
			`max_tokens: ${params.max_tokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`,
		);
	}
	const thinking = params.thinking;
	if (thinking?.type === 'enabled' && thinking.budget_tokens >= params.max_tokens) {
		return new ApiError(400, '`max_tokens` must be greater than `thinking.budget_tokens`');
	}
	return undefined;
};

const promptRules: Array<Rule<PromptParams>> = [
	emptyContent,
	manualThinking,
	forcedToolChoice,
	cacheBreakpoints,
];

export function checkPrompt(params: PromptParams, model: ModelSpec): ApiError | undefined {
	for (const rule of promptRules) {
		const error = rule(params, model);
		if (error) return error;
	}
	return undefined;
}

export function checkCreate(params: MessageCreateParams, model: ModelSpec): ApiError | undefined {
	return maxTokens(params, model) ?? checkPrompt(params, model) ?? prefill(params, model);
}
