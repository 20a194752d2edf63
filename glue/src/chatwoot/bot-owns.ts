// Whether the bot may still speak in a conversation: the one rule workflow 01 checks immediately
// before it replies or hands off, because a person may have taken the conversation while the batch
// waited (n8n down, a triage claim taken over after its lease, a slow triage).
import type { Conversation } from './schemas-conversation.ts';

/**
 * Assignee kinds that are software, not a person: our agent bot (4.16+ makes it the assignee of the
 * conversations it handles, PR #14875) and Captain (4.17+, enterprise).
 */
const BOT_ASSIGNEES: ReadonlySet<string> = new Set(['agent_bot', 'captain_assistant']);

/**
 * True while the bot owns the conversation: it is `pending` (moving it to open is the hand-off, and
 * an agent who opens it takes it) and no person is its assignee. On 4.15 an agent may assign himself
 * and leave it pending; on 4.16+ that opens it (PR #14870); either way the bot must stay quiet.
 */
export function botOwns(conversation: Pick<Conversation, 'status' | 'meta'>): boolean {
	if (conversation.status !== 'pending') return false;
	const { assignee, assignee_type } = conversation.meta;
	if (assignee) return BOT_ASSIGNEES.has(assignee.type);
	// The REST view leaves assignee out when unset; a type without one is read as a person, to be safe.
	return (
		assignee_type === undefined ||
		assignee_type === null ||
		assignee_type === 'AgentBot' ||
		assignee_type === 'Captain::Assistant'
	);
}
