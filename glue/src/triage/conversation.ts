// The conversation as Messages API turns: customer → user, agent and bot → assistant, consecutive
// turns of one role merged (the API wants them to alternate), the new messages last as one user turn.
import type Anthropic from '@anthropic-ai/sdk';
import type { HistoryMessage } from './input.ts';

export interface ConversationOptions {
	historyLimit: number;
	maxMessageChars: number;
}

/** Stands in for what the history window cut off, so the turns can start with the user. */
export const EARLIER_MESSAGES_PLACEHOLDER = '[earlier messages not shown]';

type Role = 'user' | 'assistant';
interface Turn {
	role: Role;
	blocks: Anthropic.TextBlockParam[];
}

function clip(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function speakerTag(role: HistoryMessage['role']): string {
	return role === 'agent' ? '[agent] ' : role === 'bot' ? '[bot] ' : '';
}

function appendTurn(turns: Turn[], role: Role, text: string): void {
	const block: Anthropic.TextBlockParam = { type: 'text', text };
	const last = turns.at(-1);
	if (last?.role === role) last.blocks.push(block);
	else turns.push({ role, blocks: [block] });
}

export function toApiMessages(
	history: readonly HistoryMessage[],
	newMessages: readonly string[],
	options: ConversationOptions,
): Anthropic.MessageParam[] {
	const turns: Turn[] = [];
	const withText = history.filter((m) => m.text.trim() !== '');
	const recent = options.historyLimit > 0 ? withText.slice(-options.historyLimit) : [];
	for (const message of recent) {
		const role: Role = message.role === 'customer' ? 'user' : 'assistant';
		appendTurn(
			turns,
			role,
			speakerTag(message.role) + clip(message.text.trim(), options.maxMessageChars),
		);
	}
	// The API wants the first turn to be the user's; an agent may well have written first.
	if (turns[0]?.role === 'assistant') {
		turns.unshift({ role: 'user', blocks: [{ type: 'text', text: EARLIER_MESSAGES_PLACEHOLDER }] });
	}
	for (const message of newMessages) {
		if (message.trim() !== '') {
			appendTurn(turns, 'user', clip(message.trim(), options.maxMessageChars));
		}
	}
	return turns.map((turn) => ({ role: turn.role, content: turn.blocks }));
}
