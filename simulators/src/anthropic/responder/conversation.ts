import type { ContentBlockParam, PromptParams } from '../validation/params.ts';

export interface Conversation {
	/** The last user turn: what the answer should be about. */
	userText: string;
	/** System prompt(s): the content the answer may draw on. */
	systemText: string;
}

function blockText(block: ContentBlockParam): string {
	if (typeof block.text === 'string') return block.text;
	// tool results carry the user's data back; their text counts as what the user said.
	const content: unknown = block.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((c: unknown) =>
				c && typeof c === 'object' && 'text' in c && typeof c.text === 'string' ? c.text : '',
			)
			.join('\n');
	}
	return '';
}

export function contentText(content: string | readonly ContentBlockParam[]): string {
	return typeof content === 'string' ? content : content.map(blockText).filter(Boolean).join('\n');
}

export function readConversation(params: PromptParams): Conversation {
	const lastUser = params.messages.findLast((m) => m.role === 'user');
	// Each system block stands alone, as the model reads it: a blank line between blocks keeps the
	// last record of one block (a promotion) from running on into the next (the current time).
	const system = [
		typeof params.system === 'string'
			? params.system
			: (params.system ?? []).map((b) => b.text).join('\n\n'),
		...params.messages.filter((m) => m.role === 'system').map((m) => contentText(m.content)),
	];
	return {
		userText: lastUser ? contentText(lastUser.content) : '',
		systemText: system.filter(Boolean).join('\n\n'),
	};
}
