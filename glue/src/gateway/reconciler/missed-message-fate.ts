// What becomes of a customer message the ledger never saw, decided from the conversation as
// Chatwoot has it now: what its webhook would have led to, plus Chatwoot's bot-failure path.
import { botOwns } from '../../chatwoot/bot-owns.ts';
import type { Conversation, Message } from '../../chatwoot/client.ts';

/**
 * The activity message Chatwoot posts when it opens a pending conversation because a bot delivery
 * failed (AgentBots::WebhookJob#handle_failure, 4.7+). Chatwoot writes it in the account's locale:
 * this is the English one, which our accounts use.
 */
export const BOT_FAILURE_ACTIVITY =
	'Conversation was marked open by system due to an error with the agent bot.';

export type MissedMessageFate =
	/** Forwarded for triage; `openedByBotFailure`: route it (note, team) but the bot must not reply. */
	| { queue: true; openedByBotFailure: boolean }
	/** Written to the ledger as dropped, so the dead-letter tools and the audit see it. */
	| { queue: false; reason: 'answered_by_person' | 'conversation_not_pending' };

/** REST message types: 1 outgoing, 2 activity, 3 template. */
const OUTGOING = new Set([1, 3]);

export function missedMessageFate(
	conversation: Conversation,
	messages: Message[],
	missed: Message,
): MissedMessageFate {
	const later = messages.filter((message) => message.id > missed.id);
	if (later.some(isPersonsAnswer)) return { queue: false, reason: 'answered_by_person' };
	if (botOwns(conversation)) return { queue: true, openedByBotFailure: false };
	if (conversation.status === 'open' && later.some(isBotFailureActivity)) {
		return { queue: true, openedByBotFailure: true };
	}
	// Handed off, resolved or snoozed by someone: the webhook would have been dropped too.
	return { queue: false, reason: 'conversation_not_pending' };
}

// Without a sender: sent outside Chatwoot's agents' view, e.g. from the WhatsApp Business app.
function isPersonsAnswer(message: Message): boolean {
	if (!OUTGOING.has(message.message_type) || message.private) return false;
	return message.sender === undefined || message.sender.type === 'user';
}

function isBotFailureActivity(message: Message): boolean {
	return message.message_type === 2 && message.content?.trim() === BOT_FAILURE_ACTIVITY;
}
