// conversations#index (ConversationFinder): filters, the four counts, then the assignee filter and
// 25 a page. There is no page count, only the counts. updated_within (seconds) replaces paging:
// every conversation whose updated_at is within it, in one page; the counts do not see it.
import { isAdmin, type Caller } from './route.ts';
import type { Handler } from './route.ts';
import { restConversation } from './present-conversation.ts';
import type { ChatwootState } from './state.ts';
import type { Conversation } from './types.ts';

const PER_PAGE = 25;

const SORTS: Record<string, (a: Conversation, b: Conversation) => number> = {
	last_activity_at_desc: (a, b) => b.lastActivityAt - a.lastActivityAt,
	last_activity_at_asc: (a, b) => a.lastActivityAt - b.lastActivityAt,
	created_at_desc: (a, b) => b.createdAt - a.createdAt,
	created_at_asc: (a, b) => a.createdAt - b.createdAt,
	waiting_since_asc: (a, b) => (a.waitingSince ?? Infinity) - (b.waitingSince ?? Infinity),
	waiting_since_desc: (a, b) => (b.waitingSince ?? -Infinity) - (a.waitingSince ?? -Infinity),
	priority_desc: (a, b) => priorityRank(b) - priorityRank(a),
	priority_asc: (a, b) => priorityRank(a) - priorityRank(b),
};

export const listConversationsHandler: Handler = ({ query, caller, account }, deps) => {
	const status = str(query.status) ?? 'open';
	const inboxId = int(query.inbox_id);
	const teamId = int(query.team_id);
	const labels = list(query.labels);
	const q = str(query.q)?.toLowerCase();
	let found = visible(deps.state, caller, account.id).filter(
		(c) =>
			(status === 'all' || c.status === status) &&
			(inboxId === null || c.inboxId === inboxId) &&
			(teamId === null || c.teamId === teamId) &&
			(labels.length === 0 || labels.some((l) => c.labels.includes(l))) &&
			(q === undefined || matchesText(deps.state, c, q)),
	);
	const me = caller.kind === 'user' ? caller.user.id : null;
	const meta = {
		mine_count: found.filter((c) => me !== null && c.assigneeId === me).length,
		assigned_count: found.filter((c) => c.assigneeId !== null).length,
		unassigned_count: found.filter((c) => c.assigneeId === null).length,
		all_count: found.length,
	};
	const assigneeType = str(query.assignee_type) ?? 'all';
	if (assigneeType === 'me') found = found.filter((c) => me !== null && c.assigneeId === me);
	if (assigneeType === 'assigned') found = found.filter((c) => c.assigneeId !== null);
	if (assigneeType === 'unassigned') found = found.filter((c) => c.assigneeId === null);
	const sort = SORTS[str(query.sort_by) ?? ''] ?? SORTS.last_activity_at_desc;
	found.sort((a, b) => (sort?.(a, b) ?? 0) || b.id - a.id);
	const updatedWithin = str(query.updated_within);
	let payload: Conversation[];
	if (updatedWithin === undefined) {
		const page = Math.max(int(query.page) ?? 1, 1);
		payload = found.slice((page - 1) * PER_PAGE, page * PER_PAGE);
	} else {
		// Rails: updated_at > now - params[:updated_within].to_i.seconds ("abc" is 0, "90s" is 90).
		const sinceUs = (deps.clock().getTime() - rubyToI(updatedWithin) * 1000) * 1000;
		payload = found.filter((c) => c.updatedAtUs > sinceUs);
	}
	return { body: { data: { meta, payload: payload.map((c) => restConversation(deps, c)) } } };
};

/** Agents list only the conversations of inboxes they belong to. */
function visible(state: ChatwootState, caller: Caller, accountId: number): Conversation[] {
	const all = state.conversations.filter((c) => c.accountId === accountId);
	if (caller.kind === 'agent_bot' || isAdmin(caller)) return all;
	return all.filter((c) => state.inboxOf(c).memberIds.includes(caller.user.id));
}

function matchesText(state: ChatwootState, conversation: Conversation, q: string): boolean {
	return state.messagesOf(conversation.id).some((m) => m.content?.toLowerCase().includes(q));
}

function priorityRank(conversation: Conversation): number {
	return conversation.priority === null
		? 0
		: ['low', 'medium', 'high', 'urgent'].indexOf(conversation.priority) + 1;
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function int(value: unknown): number | null {
	return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}

function rubyToI(value: string): number {
	const parsed = Number.parseInt(value, 10);
	return Number.isNaN(parsed) ? 0 : parsed;
}

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	return typeof value === 'string' && value !== '' ? value.split(',') : [];
}
