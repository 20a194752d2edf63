// The bot's answer to a customer, sent at most once per customer message: workflow 01 runs a batch
// again when an earlier run died after replying but before it was marked handled (its claim's lease
// ran out), and the customer must not read the answer twice.
import { isBotNote, isBotReply, newestAfter } from './bot-message.ts';
import type { ChatwootClient } from './client.ts';

export interface BotReplyInput {
	conversationId: number;
	content: string;
	/**
	 * The newest customer message this answers. When the bot has already written after it (its
	 * reply, or the note of a hand-off that followed the reply), nothing is sent. Omit (or null) to
	 * always send.
	 */
	answering?: number | null;
}

export interface BotReply {
	/** The reply; null when an earlier run's hand-off note hides which one it was. */
	messageId: number | null;
	/** False when an earlier run's reply to the same message was found instead. */
	sent: boolean;
}

export async function sendBotReply(
	client: ChatwootClient,
	input: BotReplyInput,
): Promise<BotReply> {
	if (input.answering) {
		const newest = await newestAfter(client, input.conversationId, input.answering);
		if (newest && isBotReply(newest)) return { messageId: newest.id, sent: false };
		// Workflow 01 replies (e.g. the out-of-hours notice) before it hands off: a note of ours
		// after the message means that reply went out and the earlier run died mid-hand-off.
		if (newest && isBotNote(newest)) return { messageId: null, sent: false };
	}
	const message = await client.messages.create(input.conversationId, {
		content: input.content,
		message_type: 'outgoing',
		private: false,
	});
	return { messageId: message.id, sent: true };
}
