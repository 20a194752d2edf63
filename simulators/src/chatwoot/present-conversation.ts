// The REST conversation (_conversation.json.jbuilder), which differs from the webhook one: no
// contact_inbox, first_reply_created_at as an INT, meta.assignee/team absent rather than null.
import { floatSeconds, unixSeconds } from './clock.ts';
import type { ViewDeps } from './deps.ts';
import { messagePush, unreadCount } from './present-push.ts';
import { restContact, channelType } from './present-rest.ts';
import { assigneeMeta, canReply, teamMeta } from './present-webhook.ts';
import type { Conversation } from './types.ts';

export function restConversation(deps: ViewDeps, conversation: Conversation) {
	const { state } = deps;
	const messages = state.messagesOf(conversation.id);
	const last = messages.at(-1);
	const lastNonActivity = messages.filter((m) => m.messageType !== 'activity').at(-1);
	const { assignee, assignee_type } = assigneeMeta(state, conversation);
	const team = teamMeta(state, conversation);
	return {
		meta: {
			sender: restContact(state, state.contactOf(conversation), false),
			channel: channelType(state.inboxOf(conversation)),
			...(assignee ? { assignee, assignee_type } : {}),
			...(team ? { team } : {}),
			hmac_verified: false,
		},
		id: conversation.displayId,
		messages: last ? [messagePush(deps, last)] : [],
		account_id: conversation.accountId,
		uuid: conversation.uuid,
		additional_attributes: conversation.additionalAttributes,
		agent_last_seen_at: unixSeconds(conversation.agentLastSeenAt),
		assignee_last_seen_at: 0,
		can_reply: canReply(deps, conversation),
		contact_last_seen_at: unixSeconds(conversation.contactLastSeenAt),
		custom_attributes: conversation.customAttributes,
		inbox_id: conversation.inboxId,
		labels: [...conversation.labels],
		muted: false,
		snoozed_until:
			conversation.snoozedUntil === null ? null : unixSeconds(conversation.snoozedUntil),
		status: conversation.status,
		created_at: unixSeconds(conversation.createdAt),
		updated_at: floatSeconds(conversation.updatedAtUs),
		timestamp: unixSeconds(conversation.lastActivityAt),
		first_reply_created_at: unixSeconds(conversation.firstReplyCreatedAt),
		unread_count: unreadCount(state, conversation),
		last_non_activity_message: lastNonActivity ? messagePush(deps, lastNonActivity) : null,
		last_activity_at: unixSeconds(conversation.lastActivityAt),
		priority: conversation.priority,
		waiting_since: unixSeconds(conversation.waitingSince),
		sla_policy_id: null,
	};
}
