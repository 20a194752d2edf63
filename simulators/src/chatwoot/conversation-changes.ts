// Saving a conversation, the way its callbacks see it: previous_changes decide which events fire
// (§2.3) and what conversation_updated lists in changed_attributes.
import { isoOrNull, isoTime, microsAt } from './clock.ts';
import type { SimDeps } from './deps.ts';
import type { EventName, Payload } from './events.ts';
import { conversationWebhookData } from './present-webhook.ts';
import type { Conversation } from './types.ts';

export type ConversationPatch = Partial<
	Pick<
		Conversation,
		| 'status'
		| 'assigneeId'
		| 'assigneeAgentBotId'
		| 'teamId'
		| 'labels'
		| 'customAttributes'
		| 'snoozedUntil'
		| 'waitingSince'
		| 'firstReplyCreatedAt'
		| 'priority'
		| 'lastActivityAt'
		| 'agentLastSeenAt'
	>
>;
type PatchKey = keyof ConversationPatch;

const RAILS_NAMES: Record<PatchKey, string> = {
	status: 'status',
	assigneeId: 'assignee_id',
	assigneeAgentBotId: 'assignee_agent_bot_id',
	teamId: 'team_id',
	labels: 'label_list',
	customAttributes: 'custom_attributes',
	snoozedUntil: 'snoozed_until',
	waitingSince: 'waiting_since',
	firstReplyCreatedAt: 'first_reply_created_at',
	priority: 'priority',
	lastActivityAt: 'last_activity_at',
	agentLastSeenAt: 'agent_last_seen_at',
};

// Only these fire conversation_updated; the others ride along in changed_attributes when they do.
const TRACKED = new Set<PatchKey>([
	'status',
	'assigneeId',
	'assigneeAgentBotId',
	'teamId',
	'labels',
	'customAttributes',
	'snoozedUntil',
	'waitingSince',
	'firstReplyCreatedAt',
	'priority',
]);

const TIME_KEYS = new Set<PatchKey>([
	'snoozedUntil',
	'waitingSince',
	'firstReplyCreatedAt',
	'lastActivityAt',
	'agentLastSeenAt',
]);

export interface ConversationChange {
	key: PatchKey;
	previous: unknown;
	current: unknown;
}

/**
 * Applies the patch, bumps updated_at and emits what Chatwoot would: conversation_opened or
 * conversation_resolved (bots only), conversation_status_changed (changed_attributes null, as Rails
 * 7 serialises it) and conversation_updated. Returns what changed; nothing is emitted when nothing did.
 */
export function changeConversation(
	deps: SimDeps,
	conversation: Conversation,
	patch: ConversationPatch,
): ConversationChange[] {
	const changes: ConversationChange[] = [];
	for (const key of Object.keys(patch) as PatchKey[]) {
		const current = patch[key];
		if (current === undefined || sameValue(conversation[key], current)) continue;
		changes.push({ key, previous: conversation[key], current });
	}
	if (changes.length === 0) return changes;
	const previousUpdatedAt = isoTime(Math.floor(conversation.updatedAtUs / 1000));
	Object.assign(conversation, patch);
	conversation.updatedAtUs = microsAt(deps.clock());
	const changedAttributes = [
		...changes.map((c) => ({
			[RAILS_NAMES[c.key]]: {
				previous_value: railsValue(c.key, c.previous),
				current_value: railsValue(c.key, c.current),
			},
		})),
		{
			updated_at: {
				previous_value: previousUpdatedAt,
				current_value: isoTime(Math.floor(conversation.updatedAtUs / 1000)),
			},
		},
	];
	if (changes.some((c) => c.key === 'status')) {
		if (conversation.status === 'open') emitConversation(deps, conversation, 'conversation_opened');
		if (conversation.status === 'resolved') {
			emitConversation(deps, conversation, 'conversation_resolved');
		}
		emitConversation(deps, conversation, 'conversation_status_changed', {
			changed_attributes: null,
		});
	}
	if (changes.some((c) => TRACKED.has(c.key))) {
		emitConversation(deps, conversation, 'conversation_updated', {
			changed_attributes: changedAttributes,
		});
	}
	return changes;
}

export function emitConversation(
	deps: SimDeps,
	conversation: Conversation,
	name: EventName,
	extra: Payload = {},
): void {
	deps.events.emit({
		name,
		accountId: conversation.accountId,
		conversationId: conversation.id,
		build: () => ({ ...conversationWebhookData(deps, conversation), event: name, ...extra }),
	});
}

function railsValue(key: PatchKey, value: unknown): unknown {
	if (TIME_KEYS.has(key)) return isoOrNull(typeof value === 'number' ? value : null);
	return value;
}

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
