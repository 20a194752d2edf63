// What triage reads for one batch message: the customer's text, then one line per attachment saying
// what was sent (kind, file name, size, coordinates, a contact's name), so Claude can answer a photo
// or a voice note, or hand it off. Never the binary, and never a URL: Chatwoot's data_url carries a
// signed blob id. A message with neither text nor attachments reads as '' (handed off upstream).
import { z } from 'zod/v4';
import { storedAttachmentsSchema, type StoredAttachment } from '../chatwoot/inbound-message.ts';
import { attachmentNote } from '../triage/attachment-note.ts';

/** What is read of a batch message (a ForwardMessage fits); anything else reads as missing. */
const messageSchema = z.object({
	content: z.string().nullable().catch(null),
	contentType: z.string().nullable().catch(null),
	attachments: storedAttachmentsSchema,
});
export type MessageForText = z.input<typeof messageSchema>;

const MAX_NAME = 80;
const MAX_TRANSCRIPT = 2000;

/** One line, no brackets (they end a note), capped. */
function oneLine(value: string | null | undefined, max = MAX_NAME): string | null {
	const flat = value
		?.replace(/[\s\][]+/g, ' ')
		.trim()
		.slice(0, max)
		.trim();
	return flat ? flat : null;
}

/** The last path segment of data_url when it looks like a file name ("paquete.jpg"), else null. */
export function fileNameOf(dataUrl: string | null): string | null {
	if (!dataUrl) return null;
	let path: string;
	try {
		path = new URL(dataUrl).pathname;
	} catch {
		return null;
	}
	const segment = path.split('/').at(-1) ?? '';
	let name: string;
	try {
		name = decodeURIComponent(segment);
	} catch {
		return null;
	}
	// A signed id is long and has no extension; a real name is short and has one.
	return /^[^/\\?#]{1,120}\.[A-Za-z0-9]{1,8}$/.test(name) ? oneLine(name) : null;
}

/** 183422 → "179 KB". */
export function formatSize(bytes: number | null): string | null {
	if (bytes === null || !Number.isFinite(bytes) || bytes <= 0) return null;
	if (bytes < 1024) return `${Math.round(bytes)} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const coordinate = (value: number | null, limit: number) =>
	value !== null && Number.isFinite(value) && Math.abs(value) <= limit
		? String(Math.round(value * 1e6) / 1e6)
		: null;

const details = (...parts: (string | null)[]) => {
	const present = parts.filter((part): part is string => part !== null);
	return present.length ? ` (${present.join(', ')})` : '';
};

function isWebp(a: StoredAttachment): boolean {
	return a.content_type?.toLowerCase() === 'image/webp' || a.extension?.toLowerCase() === 'webp';
}

/** WhatsApp voice notes are Opus in Ogg; other audio is a file someone chose to send. */
function isVoiceNote(a: StoredAttachment): boolean {
	const type = a.content_type?.toLowerCase() ?? '';
	const extension = a.extension?.toLowerCase() ?? '';
	return (
		type.startsWith('audio/ogg') ||
		type.includes('opus') ||
		['ogg', 'oga', 'opus'].includes(extension)
	);
}

const INSTAGRAM_KINDS: Record<string, string> = {
	ig_reel: 'an Instagram reel',
	ig_post: 'an Instagram post',
	ig_story: 'an Instagram story',
};

/** One attachment in words, e.g. "sent a photo (paquete.jpg, 1080×1440, 179 KB)". */
export function describeAttachment(
	a: StoredAttachment,
	messageContentType?: string | null,
): string {
	const name = fileNameOf(a.data_url);
	const size = formatSize(a.file_size);
	const title = oneLine(a.fallback_title);
	switch (a.file_type) {
		case 'image': {
			if (messageContentType === 'sticker' || isWebp(a)) return 'sent a sticker';
			const dimensions = a.width && a.height ? `${a.width}×${a.height}` : null;
			return `sent a photo${details(name, dimensions, size)}`;
		}
		case 'audio': {
			const kind = isVoiceNote(a) ? 'a voice note' : 'an audio file';
			const transcript = oneLine(a.transcribed_text, MAX_TRANSCRIPT);
			const heard = transcript ? `; transcript: "${transcript}"` : '; no transcript';
			return `sent ${kind}${details(isVoiceNote(a) ? null : name, size)}${heard}`;
		}
		case 'video':
			return `sent a video${details(name, size)}`;
		case 'file':
			return `sent a file${details(name, oneLine(a.content_type), size)}`;
		case 'location': {
			const lat = coordinate(a.coordinates_lat, 90);
			const long = coordinate(a.coordinates_long, 180);
			const where = lat !== null && long !== null ? `: ${lat}, ${long}` : '';
			return `shared a location${where}${title ? ` (${title})` : ''}`;
		}
		case 'contact': {
			const person = oneLine([a.contact_first_name, a.contact_last_name].filter(Boolean).join(' '));
			const card = [person, title].filter(Boolean).join(', ');
			return `shared a contact card${card ? `: ${card}` : ''}`;
		}
		case 'share':
			return `shared a link or post${title ? `: ${title}` : ''}`;
		case 'story_mention':
			return 'mentioned the business in an Instagram story';
		case 'ig_reel':
		case 'ig_post':
		case 'ig_story':
			return `shared ${INSTAGRAM_KINDS[a.file_type]}${title ? `: ${title}` : ''}`;
		case 'embed':
			return 'shared embedded content';
		case 'fallback':
			return `sent something the channel could not show${title ? `: ${title}` : ''}`;
		default:
			// Only kinds we know are named: file_type comes from the payload.
			return 'sent an attachment of a kind the bot cannot read';
	}
}

/**
 * The text triage reads for one batch message: its content, then a note per attachment. A string
 * is already text and is returned as it is.
 */
export function messageText(message: unknown): string {
	if (typeof message === 'string') return message;
	const parsed = messageSchema.safeParse(
		message !== null && typeof message === 'object' && !Array.isArray(message) ? message : {},
	);
	if (!parsed.success) return '';
	const { content, contentType, attachments } = parsed.data;
	const notes = attachments.map((a) => attachmentNote(describeAttachment(a, contentType)));
	return [content?.trim() ?? '', ...notes].filter(Boolean).join('\n');
}
