// What becomes of a customer message the ledger never saw, decided from the conversation as
// Chatwoot has it now: what its webhook would have led to, plus Chatwoot's bot-failure path.
import { personAssigned } from '../../chatwoot/bot-owns-after-failure.ts';
import { botOwns } from '../../chatwoot/bot-owns.ts';
import type { Conversation, Message } from '../../chatwoot/client.ts';
import { isCustomerMessage } from './chatwoot-activity.ts';

export type MissedMessageFate =
	/** Forwarded for triage; `openedByBotFailure`: route it (note, team) but the bot must not reply. */
	| { queue: true; openedByBotFailure: boolean }
	/** Written to the ledger as dropped, so the dead-letter tools and the audit see it. */
	| { queue: false; reason: 'answered_by_person' | 'conversation_not_pending' };

/** REST message types: 1 outgoing, 2 activity, 3 template; private notes are outgoing too. */
const WRITTEN = new Set([1, 3]);
const ACTIVITY = 2;

export function missedMessageFate(
	conversation: Conversation,
	messages: Message[],
	missed: Message,
): MissedMessageFate {
	const later = messages.filter((message) => message.id > missed.id);
	if (later.some(isPersonsAnswer)) return { queue: false, reason: 'answered_by_person' };
	if (botOwns(conversation)) return { queue: true, openedByBotFailure: false };
	if (openedUnanswered(conversation, messages, missed)) {
		return { queue: true, openedByBotFailure: true };
	}
	// Handed off, resolved or snoozed by someone: the webhook would have been dropped too.
	return { queue: false, reason: 'conversation_not_pending' };
}

// Without a sender: sent outside Chatwoot's agents' view, e.g. from the WhatsApp Business app.
function isPersonsAnswer(message: Message): boolean {
	if (!WRITTEN.has(message.message_type) || message.private) return false;
	return message.sender === undefined || message.sender.type === 'user';
}

/**
 * Open, nobody assigned, nothing written by anyone (bot, person, note) after the message, and the
 * status changed (an activity line) after the customer began this turn, i.e. after the first
 * customer message since anyone last wrote. That is Chatwoot's bot-failure path (AgentBots::
 * WebhookJob#handle_failure opens the pending conversation and posts an activity line) told
 * without its wording, which Chatwoot gives in the account's language. A turn that began in a
 * conversation already open (a customer writing again after a hand-off) has no such line.
 */
function openedUnanswered(conversation: Conversation, messages: Message[], missed: Message) {
	if (conversation.status !== 'open' || personAssigned(conversation)) return false;
	const written = messages.filter((message) => WRITTEN.has(message.message_type));
	if (written.some((message) => message.id > missed.id)) return false;
	const turnAfter = written.filter((message) => message.id < missed.id).at(-1)?.id ?? 0;
	const turnBegan = messages.find((m) => m.id > turnAfter && isCustomerMessage(m))?.id ?? missed.id;
	return messages.some((message) => message.message_type === ACTIVITY && message.id > turnBegan);
}

/**
 * The activity line Chatwoot posts when its bot-failure path opens a conversation
 * (AgentBots::WebhookJob#handle_failure), in English; other locales word it otherwise.
 */
export const BOT_FAILURE_ACTIVITY =
	'Conversation was marked open by system due to an error with the agent bot.';

/**
 * Chatwoot also runs its failure path when the echo of the bot's own reply (message_created, sent
 * to the bot like every message) cannot be delivered: a conversation the bot had answered opens for
 * people with nothing waiting in it. True when that is all that happened: open, nobody assigned,
 * the newest message anyone wrote is the bot's public reply, and after it come only activity lines,
 * among them Chatwoot's own words for the failure. Matched on those words (English accounts): put
 * back to pending on wording alone would also undo a person's deliberate "open".
 */
export function openedByReplyEcho(conversation: Conversation, messages: Message[]): boolean {
	if (conversation.status !== 'open' || personAssigned(conversation)) return false;
	const lastWritten = messages.findLast(
		(message) => message.message_type !== ACTIVITY && !isCustomerMessage(message),
	);
	if (!lastWritten || lastWritten.private || lastWritten.sender?.type !== 'agent_bot') return false;
	const after = messages.filter((message) => message.id > lastWritten.id);
	return (
		after.every((message) => message.message_type === ACTIVITY) &&
		after.some((message) => message.content?.trim() === BOT_FAILURE_ACTIVITY)
	);
}
