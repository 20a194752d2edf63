// What the reconciler reads from Chatwoot's REST API: recently active pending conversations and
// the customer messages in them.
import type { ChatwootClient, Conversation, Message } from '../../chatwoot/client.ts';

const CONVERSATIONS_PER_PAGE = 25;
const MESSAGES_PER_PAGE = 20;
const MAX_PAGES = 40;

/**
 * Pending conversations (the only ones the bot answers) active since `sinceMs`, newest first.
 * updated_within makes Chatwoot (and the simulator) return them all in one page; older servers page
 * instead, so paging also stops at a short page, an old conversation, or a page seen before.
 */
export async function pendingConversationsSince(
	chatwoot: ChatwootClient,
	sinceMs: number,
	nowMs: number,
): Promise<Conversation[]> {
	const found = new Map<number, Conversation>();
	for (let page = 1; page <= MAX_PAGES; page += 1) {
		const { payload } = await chatwoot.conversations.list({
			status: 'pending',
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

/** The conversation's public incoming contact messages since `sinceMs`, oldest first. */
export async function customerMessagesSince(
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
		found.push(...payload.filter((message) => isCustomerMessage(message, sinceMs)));
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
function isCustomerMessage(message: Message, sinceMs: number): boolean {
	return (
		message.message_type === 0 &&
		!message.private &&
		(message.sender?.type ?? 'contact') === 'contact' &&
		message.created_at * 1000 >= sinceMs
	);
}
