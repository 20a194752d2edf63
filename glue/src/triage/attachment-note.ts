// How a batch message's attachments read in the text triage gets: one bracketed line per
// attachment, written for Claude (not for the customer). The keyword fallback skips these lines,
// so a photo's description cannot route or grade a conversation by itself.

const NOTE_START = '[The customer ';

/** "[The customer sent a photo (paquete.jpg)]" from "sent a photo (paquete.jpg)". */
export function attachmentNote(what: string): string {
	return `${NOTE_START}${what}]`;
}

/** The text without its attachment notes: what the customer wrote themselves. */
export function withoutAttachmentNotes(text: string): string {
	return text
		.split('\n')
		.filter((line) => !(line.startsWith(NOTE_START) && line.endsWith(']')))
		.join('\n');
}
