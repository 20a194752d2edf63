import type { JsonValue } from '../responder/index.ts';
import type { InputUsage } from '../tokens/cache-usage.ts';

// The response `Message` of SDK 1.12 (resources/messages/messages.ts, reference §2), as far as the
// simulator produces it.

export interface TextBlock {
	type: 'text';
	text: string;
	citations: null;
}

export interface ThinkingBlock {
	type: 'thinking';
	thinking: string;
	signature: string;
}

export interface ToolUseBlock {
	type: 'tool_use';
	id: string;
	name: string;
	input: JsonValue;
	caller: { type: 'direct' };
}

/** A block a test scripted verbatim, of any type. */
export interface OtherBlock {
	type: string;
	[key: string]: unknown;
}

export type OutputBlock = TextBlock | ThinkingBlock | ToolUseBlock | OtherBlock;

export const isText = (b: OutputBlock): b is TextBlock =>
	b.type === 'text' && typeof b.text === 'string';
export const isThinking = (b: OutputBlock): b is ThinkingBlock => b.type === 'thinking';
export const isToolUse = (b: OutputBlock): b is ToolUseBlock => b.type === 'tool_use';

export type StopReason =
	| 'end_turn'
	| 'max_tokens'
	| 'stop_sequence'
	| 'tool_use'
	| 'pause_turn'
	| 'refusal'
	| 'model_context_window_exceeded';

export interface SimUsage extends InputUsage {
	output_tokens: number;
	output_tokens_details: { thinking_tokens: number } | null;
	server_tool_use: null;
	service_tier: 'standard' | 'batch';
	inference_geo: string;
	speed: 'standard' | 'fast' | null;
}

export interface SimMessage {
	id: string;
	type: 'message';
	role: 'assistant';
	model: string;
	content: OutputBlock[];
	stop_reason: StopReason;
	stop_sequence: string | null;
	stop_details: Record<string, unknown> | null;
	container: null;
	diagnostics: null;
	usage: SimUsage;
}
