// A batch the bot cannot read goes to a person without triage: a message whose webhook lacked a
// field the bot needs (the gateway's `incomplete`), or a batch with nothing in it to read (no text
// and no attachment). Claude would only guess, and triage refuses an empty turn. The agents' note
// says what was wrong; the customer is sent nothing, so no wording for them lives here.
import type { ForwardMessage } from './inbound-batch.ts';
import { messageText } from './message-text.ts';

export interface UnreadableBatch {
	/** Fields Chatwoot's webhook lacked, over the batch's messages, e.g. ['conversation.status']. */
	missing: string[];
	/** How many of the batch's messages had neither text nor an attachment. */
	empty: number;
	/** The private note for the agents. */
	note: string;
}

type Readable = Pick<ForwardMessage, 'messageId' | 'content' | 'contentType' | 'attachments'> & {
	incomplete?: string[];
};

/** Why the bot cannot read the batch, or null when triage can. */
export function unreadableBatch(messages: readonly Readable[]): UnreadableBatch | null {
	const missing = [...new Set(messages.flatMap((m) => m.incomplete ?? []))];
	const empty = messages.filter((m) => messageText(m) === '');
	if (missing.length === 0 && empty.length < messages.length) return null;
	return { missing, empty: empty.length, note: unreadableNote(missing, empty, messages.length) };
}

function unreadableNote(missing: string[], empty: Readable[], total: number): string {
	const ids = empty.map((m) => m.messageId).filter((id): id is number => id !== null);
	const which = ids.length > 0 ? ` (message ${ids.map((id) => `#${id}`).join(', ')})` : '';
	const messages = empty.length === 1 ? 'a message has' : `${empty.length} messages have`;
	const lines = [
		"Handed off by Switchboard: the bot could not read this conversation's new message" +
			`${total === 1 ? '' : 's'} and sent the customer nothing.`,
		missing.length > 0
			? `Why: Chatwoot's webhook lacked ${missing.join(', ')}, which the bot needs before it answers.`
			: null,
		empty.length > 0
			? `${missing.length > 0 ? 'Also' : 'Why'}: ${messages} no text and no attachment the bot ` +
				`could see${which}. Please read it in Chatwoot.`
			: null,
	];
	return lines.filter((line): line is string => line !== null).join('\n');
}
