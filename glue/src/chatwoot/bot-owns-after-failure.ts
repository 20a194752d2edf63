// Who has a conversation when workflow 01 is about to act on a batch: the bot, nobody (Chatwoot
// opened it before the bot could answer, typically its agent-bot failure path), or a person.
import { botOwns } from './bot-owns.ts';
import type { Conversation } from './schemas-conversation.ts';
import type { PushMessage } from './schemas-message.ts';

/** REST and push message types: 0 incoming, 1 outgoing, 2 activity, 3 template. */
const INCOMING = 0;
const ACTIVITY = 2;

/**
 * - `bot`: pending and no person assigned (botOwns): the bot replies or hands off as usual.
 * - `after_bot_failure`: open, yet nobody took it and nobody wrote since the batch: the bot routes
 *   it (note, labels, team) without a word to the customer.
 * - `person`: anything else; the batch is only recorded.
 */
export type ConversationOwner = 'bot' | 'after_bot_failure' | 'person';

/** A person (or nobody) is assigned; the agent bot or Captain as assignee is not a person. */
export function personAssigned(conversation: Pick<Conversation, 'meta'>): boolean {
	const { assignee, assignee_type } = conversation.meta;
	if (assignee) return assignee.type === 'user';
	return assignee_type === 'User';
}

/**
 * Who has the conversation now, for a batch whose newest customer message is `answering`.
 *
 * Every batch the gateway forwards was written while the conversation was pending (the gateway
 * drops messages of open conversations; the reconciler queues an open one only when Chatwoot's
 * failure path opened it after the message). So when it is open now, nobody is assigned, and the
 * newest message that is not an activity line is still that customer message (no reply, no note,
 * from anyone), the conversation was opened without anyone answering: by Chatwoot's bot-failure
 * path (a delivery refused, three 500s or a 5 s timeout), or by someone who clicked "open" and did
 * nothing else. Either way the customer waits in the general pool untriaged, and routing it is
 * right. This reads only what a bot token may read (the conversation, not its message list), and
 * no wording, since Chatwoot words its activity lines in the account's language.
 */
export function conversationOwner(
	conversation: Pick<Conversation, 'status' | 'meta' | 'messages' | 'last_non_activity_message'>,
	answering: number | null,
): ConversationOwner {
	if (botOwns(conversation)) return 'bot';
	if (conversation.status !== 'open' || personAssigned(conversation) || !answering) return 'person';
	const newest = newestNonActivity(conversation);
	if (!newest || newest.id !== answering) return 'person';
	const fromCustomer =
		newest.message_type === INCOMING &&
		!newest.private &&
		(newest.sender?.type ?? 'contact') === 'contact';
	return fromCustomer ? 'after_bot_failure' : 'person';
}

/** last_non_activity_message; servers that leave it out still give the newest message. */
function newestNonActivity(
	conversation: Pick<Conversation, 'messages' | 'last_non_activity_message'>,
): PushMessage | null {
	if (conversation.last_non_activity_message !== undefined) {
		return conversation.last_non_activity_message;
	}
	const newest = conversation.messages.at(-1);
	return newest && newest.message_type !== ACTIVITY ? newest : null;
}
