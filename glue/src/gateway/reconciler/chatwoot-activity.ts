// What the reconciler reads from Chatwoot's REST API: recently active conversations, whatever their
// status, and the messages in them.
import type { ChatwootClient, Conversation, Message } from '../../chatwoot/client.ts';

const CONVERSATIONS_PER_PAGE = 25;
const MESSAGES_PER_PAGE = 20;
const MAX_PAGES = 40;

/**
 * Conversations of every status active since `sinceMs`, newest first: a bot delivery that failed
 * makes Chatwoot open a pending conversation, and those are the ones whose messages the ledger
 * lacks. updated_within makes Chatwoot (and the simulator) return them all in one page; older
 * servers page instead, so paging also stops at a short page, an old conversation, or a page seen
 * before.
 */
export async function conversationsActiveSince(
	chatwoot: ChatwootClient,
	sinceMs: number,
	nowMs: number,
): Promise<Conversation[]> {
	const found = new Map<number, Conversation>();
	for (let page = 1; page <= MAX_PAGES; page += 1) {
		const { payload } = await chatwoot.conversations.list({
			status: 'all',
			assignee_type: 'all',
			sort_by: 'last_activity_at_desc',
			// At least a second, should our clock step back behind the mark.
			updated_within: Math.max(1, Math.ceil((nowMs - sinceMs) / 1000)),
			page,
		});
		const fresh = payload.filter((conversation) => !found.has(conversation.id));
		const recent = fresh.filter((conversation) => conversation.last_activity_at * 1000 >= sinceMs);
		for (const conversation of recent) found.set(conversation.id, conversation);
		const short = payload.length < CONVERSATIONS_PER_PAGE;
		if (short || recent.length < fresh.length || fresh.length === 0) break;
	}
	return [...found.values()];
}

/** Every message of the conversation since `sinceMs` (notes and activity too), oldest first. */
export async function messagesSince(
	chatwoot: ChatwootClient,
	conversationId: number,
	sinceMs: number,
): Promise<Message[]> {
	const found: Message[] = [];
	let before: number | undefined;
	for (let page = 0; page < MAX_PAGES; page += 1) {
		const { payload } = await chatwoot.messages.list(
			conversationId,
			before === undefined ? {} : { before },
		);
		found.push(...payload.filter((message) => message.created_at * 1000 >= sinceMs));
		const oldest = payload.reduce<Message | undefined>(
			(min, message) => (min === undefined || message.id < min.id ? message : min),
			undefined,
		);
		const short = payload.length < MESSAGES_PER_PAGE;
		if (!oldest || short || oldest.created_at * 1000 < sinceMs) break;
		before = oldest.id;
	}
	return found.sort((a, b) => a.id - b.id);
}

// REST message_type 0 is incoming; the sender is absent on some channels, and then it is the contact.
export function isCustomerMessage(message: Message): boolean {
	return (
		message.message_type === 0 &&
		!message.private &&
		(message.sender?.type ?? 'contact') === 'contact'
	);
}
