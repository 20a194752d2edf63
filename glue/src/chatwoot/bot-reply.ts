// The bot's answer to a customer, sent at most once per customer message: workflow 01 runs a batch
// again when an earlier run died after replying but before it was marked handled (its claim's lease
// ran out), and the customer must not read the answer twice.
import type { ChatwootClient } from './client.ts';
import type { PushMessage } from './schemas-message.ts';

export interface BotReplyInput {
	conversationId: number;
	content: string;
	/**
	 * The newest customer message this answers. When the conversation's newest message is a bot
	 * reply after it, that reply stands and nothing is sent. Omit (or null) to always send.
	 */
	answering?: number | null;
}

export interface BotReply {
	messageId: number;
	/** False when an earlier reply to the same message was found instead. */
	sent: boolean;
}

export async function sendBotReply(
	client: ChatwootClient,
	input: BotReplyInput,
): Promise<BotReply> {
	if (input.answering) {
		// A bot token may not list messages (reference/chatwoot.md §2.5), but it may read the
		// conversation, which carries its newest message.
		const conversation = await client.conversations.get(input.conversationId);
		const newest = conversation.last_non_activity_message;
		if (newest && newest.id > input.answering && isBotReply(newest)) {
			return { messageId: newest.id, sent: false };
		}
	}
	const message = await client.messages.create(input.conversationId, {
		content: input.content,
		message_type: 'outgoing',
		private: false,
	});
	return { messageId: message.id, sent: true };
}

// message_type 1 is outgoing; an agent's reply or a private note is not the bot's answer.
function isBotReply(message: PushMessage): boolean {
	return (
		message.message_type === 1 &&
		!message.private &&
		(message.sender_type === 'AgentBot' || message.sender?.type === 'agent_bot')
	);
}
