// The hand-off to humans, as one library call: the n8n Chatwoot node, workflow 01 and the gateway's
// fallback path all hand off the same way.
import { isBotNote, newestAfter } from './bot-message.ts';
import type { ChatwootClient } from './client.ts';
import type { Priority } from './schemas-conversation.ts';

export interface HandOffInput {
	conversationId: number;
	/** Private note for the agents: summary, urgency, language, the draft reply. Omit for none. */
	note?: string;
	/** Added to the conversation's labels (existing ones are kept). */
	labels?: string[];
	/** The team that takes it; null leaves the team as it is. */
	teamId?: number | null;
	priority?: Priority | null;
	/**
	 * The newest customer message this hand-off is for. When the conversation's newest message is a
	 * note of ours after it, an earlier run of the same hand-off died after writing it: that note
	 * stands and the rest is done again (labels, team and status are safe to repeat). Omit (or null)
	 * to always write the note.
	 */
	answering?: number | null;
}

export interface HandOffResult {
	conversationId: number;
	noteId: number | null;
	/** False when an earlier run's note was found instead (or there is no note). */
	notePosted: boolean;
	labels: string[];
	teamId: number | null;
	status: string;
}

/**
 * Note first, then labels and team, and the status last: moving a pending conversation to open is
 * what tells Chatwoot the bot is done (bot_handoff!), so agents never see it before the note.
 */
export async function handOffConversation(
	client: ChatwootClient,
	input: HandOffInput,
): Promise<HandOffResult> {
	const { conversationId } = input;
	const note = input.note?.trim() ? await writeNoteOnce(client, input, input.note) : null;
	const labels = input.labels?.length
		? await client.conversations.addLabels(conversationId, normaliseLabels(input.labels))
		: await client.conversations.listLabels(conversationId);
	const team =
		input.teamId === undefined || input.teamId === null
			? null
			: await client.conversations.assignTeam(conversationId, input.teamId);
	if (input.priority !== undefined) {
		await client.conversations.setPriority(conversationId, input.priority);
	}
	const toggled = await client.conversations.toggleStatus(conversationId, { status: 'open' });
	return {
		conversationId,
		noteId: note?.id ?? null,
		notePosted: note?.posted ?? false,
		labels,
		teamId: team?.id ?? null,
		status: toggled.current_status,
	};
}

async function writeNoteOnce(
	client: ChatwootClient,
	input: HandOffInput,
	note: string,
): Promise<{ id: number; posted: boolean }> {
	if (input.answering) {
		const newest = await newestAfter(client, input.conversationId, input.answering);
		if (newest && isBotNote(newest)) return { id: newest.id, posted: false };
	}
	const written = await client.messages.createPrivateNote(input.conversationId, note);
	return { id: written.id, posted: true };
}

/** The label the hand-off puts on a department's conversations (and the config's label record). */
export function departmentLabel(departmentKey: string): string {
	return `dept-${departmentKey}`;
}

/** Chatwoot label titles are lower-case slugs; "Billing Question" and "billing_question" are one. */
export function normaliseLabels(labels: string[]): string[] {
	const slugs = labels
		.map((label) =>
			label
				.trim()
				.toLowerCase()
				.replace(/[^a-z0-9_-]+/g, '_')
				.replace(/^[-_]+|[-_]+$/g, ''),
		)
		.filter((label) => label.length > 0);
	return [...new Set(slugs)];
}
