// Conversation rules: initial status, status changes, assignment (AssignmentHandler and auto
// assignment), labels and custom attributes.
import { microsAt } from './clock.ts';
import {
	changeConversation,
	emitConversation,
	type ConversationPatch,
} from './conversation-changes.ts';
import type { SimDeps } from './deps.ts';
import { uuid } from './ids.ts';
import type { ChatwootState } from './state.ts';
import { botOwnsConversations } from './version.ts';
import type {
	ContactInbox,
	Conversation,
	ConversationStatus,
	Inbox,
	JsonObject,
	Priority,
	Team,
	User,
} from './types.ts';

/** Conversation#determine_conversation_status: pending while the inbox has an active bot. */
export function initialStatus(state: ChatwootState, inbox: Inbox): ConversationStatus {
	return state.inboxBot(inbox) ? 'pending' : 'open';
}

export function createConversation(
	deps: SimDeps,
	inbox: Inbox,
	contactInbox: ContactInbox,
	fields: { status?: ConversationStatus; customAttributes?: JsonObject } = {},
): Conversation {
	const now = deps.clock();
	const status = fields.status ?? initialStatus(deps.state, inbox);
	// 4.16+ set_active_bot_conversation: the bot that makes it pending is also its assignee.
	const owner =
		fields.status === undefined && botOwnsConversations(deps.chatwootVersion)
			? deps.state.inboxBot(inbox)
			: undefined;
	const conversation = deps.state.conversations.insert({
		displayId: deps.state.nextDisplayId(inbox.accountId),
		uuid: uuid(),
		accountId: inbox.accountId,
		inboxId: inbox.id,
		contactId: contactInbox.contactId,
		contactInboxId: contactInbox.id,
		status,
		assigneeId: null,
		assigneeAgentBotId: owner?.id ?? null,
		teamId: null,
		labels: [],
		customAttributes: fields.customAttributes ?? {},
		additionalAttributes: {},
		priority: null,
		snoozedUntil: null,
		waitingSince: status === 'open' ? now.getTime() : null,
		firstReplyCreatedAt: null,
		agentLastSeenAt: null,
		contactLastSeenAt: null,
		lastActivityAt: now.getTime(),
		createdAt: now.getTime(),
		updatedAtUs: microsAt(now),
	});
	emitConversation(deps, conversation, 'conversation_created');
	if (status === 'open') autoAssign(deps, conversation);
	return conversation;
}

/** Sets the status; a change to open runs auto assignment like the after_save callback. */
export function setStatus(
	deps: SimDeps,
	conversation: Conversation,
	status: ConversationStatus,
	extra: ConversationPatch = {},
): void {
	const patch: ConversationPatch = { status, ...extra };
	if (status !== 'snoozed') patch.snoozedUntil = null;
	const changes = changeConversation(deps, conversation, patch);
	if (status === 'open' && changes.some((c) => c.key === 'status')) autoAssign(deps, conversation);
}

/** Without an explicit status: open ↔ resolved, and pending or snoozed go to open. */
export function toggledStatus(current: ConversationStatus): ConversationStatus {
	return current === 'open' ? 'resolved' : 'open';
}

/**
 * Conversation#bot_handoff!: waiting_since starts now (if unset) and the status becomes open; 4.16+
 * also lets go of the bot as assignee.
 */
export function botHandoff(deps: SimDeps, conversation: Conversation): void {
	const waitingSince = conversation.waitingSince ?? deps.clock().getTime();
	const release = botOwnsConversations(deps.chatwootVersion) ? { assigneeAgentBotId: null } : {};
	setStatus(deps, conversation, 'open', { waitingSince, ...release });
}

/** A human assignee replaces the bot; on 4.16+ one who takes over from a pending bot opens it. */
export function assignAgent(deps: SimDeps, conversation: Conversation, user: User | null): void {
	const patch: ConversationPatch = {
		assigneeId: user?.id ?? null,
		...(user ? { assigneeAgentBotId: null } : {}),
	};
	const takeover =
		user !== null &&
		botOwnsConversations(deps.chatwootVersion) &&
		conversation.assigneeAgentBotId !== null &&
		conversation.status === 'pending';
	if (takeover) {
		patch.status = 'open';
		patch.waitingSince = conversation.waitingSince ?? deps.clock().getTime();
	}
	changeConversation(deps, conversation, patch);
}

/** Drops the human assignee; on 4.16+ the conversation also goes (back) to pending. */
export function assignAgentBot(deps: SimDeps, conversation: Conversation, botId: number): void {
	changeConversation(deps, conversation, {
		assigneeAgentBotId: botId,
		assigneeId: null,
		...(botOwnsConversations(deps.chatwootVersion)
			? { status: 'pending' as const, snoozedUntil: null }
			: {}),
	});
}

/**
 * AssignmentHandler#ensure_assignee_is_from_team: a team change drops an assignee who is not a
 * member, and a team with allow_auto_assign then picks an online member of the inbox.
 */
export function assignTeam(deps: SimDeps, conversation: Conversation, team: Team | null): void {
	const patch: ConversationPatch = { teamId: team?.id ?? null };
	let assigneeId = conversation.assigneeId;
	if (team && assigneeId !== null && !team.memberIds.includes(assigneeId)) assigneeId = null;
	if (team && assigneeId === null && team.allowAutoAssign) {
		const inbox = deps.state.inboxOf(conversation);
		const candidates = team.memberIds.filter((id) => inbox.memberIds.includes(id));
		assigneeId = pickOnlineAgent(deps.state, candidates)?.id ?? null;
	}
	if (assigneeId !== conversation.assigneeId) patch.assigneeId = assigneeId;
	changeConversation(deps, conversation, patch);
}

export function setLabels(deps: SimDeps, conversation: Conversation, labels: string[]): void {
	// acts_as_taggable keeps one of each title; the list replaces the old one.
	changeConversation(deps, conversation, { labels: [...new Set(labels)] });
}

export function setPriority(
	deps: SimDeps,
	conversation: Conversation,
	priority: Priority | null,
): void {
	changeConversation(deps, conversation, { priority });
}

export function setCustomAttributes(
	deps: SimDeps,
	conversation: Conversation,
	customAttributes: JsonObject,
): void {
	changeConversation(deps, conversation, { customAttributes });
}

/** Round robin over online inbox members, approximated as the least loaded, then lowest id. */
function autoAssign(deps: SimDeps, conversation: Conversation): void {
	const inbox = deps.state.inboxOf(conversation);
	const unassigned = conversation.assigneeId === null && conversation.assigneeAgentBotId === null;
	if (!inbox.enableAutoAssignment || !unassigned || conversation.status !== 'open') return;
	const agent = pickOnlineAgent(deps.state, inbox.memberIds);
	if (agent) changeConversation(deps, conversation, { assigneeId: agent.id });
}

function pickOnlineAgent(state: ChatwootState, userIds: number[]): User | undefined {
	const load = (user: User) =>
		state.conversations.filter((c) => c.assigneeId === user.id && c.status === 'open').length;
	return userIds
		.map((id) => state.users.get(id))
		.filter((u): u is User => u !== undefined && u.availability === 'online')
		.sort((a, b) => load(a) - load(b) || a.id - b.id)[0];
}
