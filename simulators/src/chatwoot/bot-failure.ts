import { setStatus } from './conversations.ts';
import type { SimDeps } from './deps.ts';
import type { EventName } from './events.ts';
import { createMessage } from './messages.ts';

export const BOT_FAILURE_ACTIVITY =
	'Conversation was marked open by system due to an error with the agent bot.';

/**
 * AgentBots::WebhookJob#handle_failure (4.7+): when the bot could not take a message, a pending
 * conversation opens for humans, unless the account keeps it pending (4.11+).
 */
export function handleBotFailure(deps: SimDeps, event: EventName, conversationId: number): void {
	if (event !== 'message_created' && event !== 'message_updated') return;
	const conversation = deps.state.conversations.get(conversationId);
	if (!conversation || conversation.status !== 'pending') return;
	if (deps.state.accountOf(conversation.accountId).keepPendingOnBotFailure) return;
	setStatus(deps, conversation, 'open');
	createMessage(deps, conversation, {
		messageType: 'activity',
		content: BOT_FAILURE_ACTIVITY,
		sender: null,
	});
}
