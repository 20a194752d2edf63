// What the bot can see of its own earlier work in a conversation. A bot token may not list messages
// (reference/chatwoot.md §2.5), but it may read the conversation, whose last_non_activity_message is
// its newest message: enough to tell whether an earlier run of the same batch already got this far.
import type { ChatwootClient } from './client.ts';
import type { PushMessage } from './schemas-message.ts';

/** message_type 1 is outgoing; Chatwoot's sender_type names the AgentBot when `sender` is absent. */
function byTheBot(message: PushMessage): boolean {
	return (
		message.message_type === 1 &&
		(message.sender_type === 'AgentBot' || message.sender?.type === 'agent_bot')
	);
}

/** The bot's answer to the customer; an agent's reply or a private note is not. */
export function isBotReply(message: PushMessage): boolean {
	return byTheBot(message) && !message.private;
}

/** A private note the bot left: workflow 01 writes one only when it hands off. */
export function isBotNote(message: PushMessage): boolean {
	return byTheBot(message) && message.private;
}

/**
 * The conversation's newest message when it came after `answering` (the newest customer message a
 * run acts on); null when there is none or it is older.
 */
export async function newestAfter(
	client: ChatwootClient,
	conversationId: number,
	answering: number,
): Promise<PushMessage | null> {
	const conversation = await client.conversations.get(conversationId);
	const newest = conversation.last_non_activity_message;
	return newest && newest.id > answering ? newest : null;
}
