// Adding labels to a conversation through an endpoint that can only replace the whole list
// (POST …/labels, reference/chatwoot.md §3; chatwoot#15916 asks for add/remove). Every writer
// reads, merges and writes: the dashboard, automations, macros and us. The API has no version to
// compare against, so this keeps the window small and repairs what it can see: it reads right
// before writing, writes only when something is missing, and reads again afterwards, because a
// writer that loaded the list before our write saves it back without our labels.

/** The two label calls the merge needs (ConversationsResource's listLabels and setLabels). */
export interface ConversationLabelIo {
	list(conversationId: number): Promise<string[]>;
	set(conversationId: number, labels: string[]): Promise<string[]>;
}

/** Writes per call: a fourth clash in a row with a human writer is not a race any more. */
export const MAX_LABEL_WRITES = 3;

/**
 * Makes `labels` part of the conversation's list, keeping every label another writer has added
 * before our read or after our write. Returns the list as last read: when other writers removed
 * ours again on every one of MAX_LABEL_WRITES writes, it lacks them, and the caller can tell.
 * A label saved by someone else in the one round trip between our read and our write is replaced
 * by our write and cannot be seen through this API (only in the conversation's activity).
 */
export async function addConversationLabels(
	io: ConversationLabelIo,
	conversationId: number,
	labels: readonly string[],
): Promise<string[]> {
	const wanted = [...new Set(labels)];
	let current = await io.list(conversationId);
	for (let write = 0; write < MAX_LABEL_WRITES; write += 1) {
		const missing = wanted.filter((label) => !current.includes(label));
		if (missing.length === 0) return current;
		await io.set(conversationId, [...current, ...missing]);
		current = await io.list(conversationId);
	}
	return current;
}
