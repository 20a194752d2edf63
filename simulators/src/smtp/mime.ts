// Just enough RFC 5322 / MIME to show a received mail and let tests read it: unfolded headers,
// encoded-word subjects (RFC 2047), the first text/plain and text/html parts of a multipart,
// quoted-printable and base64 bodies, and the attachments' names.

export interface ParsedMail {
	/** Lower-cased header name → its values, unfolded and with encoded words decoded. */
	headers: Record<string, string[]>;
	subject: string | null;
	from: string | null;
	to: string | null;
	messageId: string | null;
	text: string | null;
	html: string | null;
	attachments: { filename: string | null; contentType: string; size: number }[];
}

interface Part {
	headers: Record<string, string[]>;
	body: string;
}

/** Splits at the first empty line; a bare LF ending is accepted as well as CRLF. */
function splitEntity(raw: string): Part {
	const match = /\r?\n\r?\n/.exec(raw);
	const head = match ? raw.slice(0, match.index) : raw;
	const body = match ? raw.slice(match.index + match[0].length) : '';
	const headers: Record<string, string[]> = {};
	const lines = head.split(/\r?\n/);
	const unfolded: string[] = [];
	for (const line of lines) {
		if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += line;
		else unfolded.push(line);
	}
	for (const line of unfolded) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		(headers[name] ??= []).push(decodeEncodedWords(line.slice(colon + 1).trim()));
	}
	return { headers, body };
}

function decodeBytes(bytes: Buffer, charset: string | undefined): string {
	try {
		return new TextDecoder(charset || 'utf-8').decode(bytes);
	} catch {
		return bytes.toString('latin1');
	}
}

function decodeQuotedPrintable(text: string): Buffer {
	const soft = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		const hex = soft.slice(i + 1, i + 3);
		if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(soft[i]!, 'latin1'));
		}
	}
	return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;

/** "=?UTF-8?Q?Caf=C3=A9?=" → "Café"; whitespace between two encoded words is dropped. */
export function decodeEncodedWords(value: string): string {
	const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
	return joined.replace(ENCODED_WORD, (_, charset: string, encoding: string, text: string) => {
		const bytes =
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64')
				: decodeQuotedPrintable(text.replace(/_/g, ' '));
		return decodeBytes(bytes, charset);
	});
}

/** `text/plain; charset="utf-8"` → the lower-cased type and its parameters. */
function contentTypeOf(part: Part): { type: string; params: Record<string, string> } {
	const value = part.headers['content-type']?.[0] ?? 'text/plain';
	const [type, ...rest] = value.split(';');
	const params: Record<string, string> = {};
	for (const param of rest) {
		const eq = param.indexOf('=');
		if (eq <= 0) continue;
		params[param.slice(0, eq).trim().toLowerCase()] = param
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, '$1');
	}
	return { type: (type ?? 'text/plain').trim().toLowerCase(), params };
}

function decodeBody(part: Part, charset: string | undefined): { text: string; size: number } {
	const encoding = (part.headers['content-transfer-encoding']?.[0] ?? '7bit').toLowerCase();
	const bytes =
		encoding === 'base64'
			? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
			: encoding === 'quoted-printable'
				? decodeQuotedPrintable(part.body)
				: Buffer.from(part.body, 'utf8');
	return { text: decodeBytes(bytes, charset), size: bytes.length };
}

function filenameOf(part: Part, params: Record<string, string>): string | null {
	const disposition = part.headers['content-disposition']?.[0] ?? '';
	const match = /filename\*?="?([^";]+)"?/i.exec(disposition);
	return match?.[1] ?? params.name ?? null;
}

function walk(part: Part, mail: ParsedMail): void {
	const { type, params } = contentTypeOf(part);
	if (type.startsWith('multipart/') && params.boundary) {
		const delimiter = `--${params.boundary}`;
		const sections = part.body.split(new RegExp(`\\r?\\n?${escapeRegExp(delimiter)}`));
		// sections[0] is the preamble; the one after the closing "--boundary--" is the epilogue.
		for (const section of sections.slice(1)) {
			if (section.startsWith('--')) break;
			walk(splitEntity(section.replace(/^[ \t]*\r?\n/, '')), mail);
		}
		return;
	}
	const isAttachment = /^attachment/i.test(part.headers['content-disposition']?.[0] ?? '');
	const decoded = decodeBody(part, params.charset);
	if (!isAttachment && type === 'text/plain' && mail.text === null) mail.text = decoded.text;
	else if (!isAttachment && type === 'text/html' && mail.html === null) mail.html = decoded.text;
	else
		mail.attachments.push({
			filename: filenameOf(part, params),
			contentType: type,
			size: decoded.size,
		});
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseMail(raw: string): ParsedMail {
	const root = splitEntity(raw);
	const first = (name: string) => root.headers[name]?.[0] ?? null;
	const mail: ParsedMail = {
		headers: root.headers,
		subject: first('subject'),
		from: first('from'),
		to: first('to'),
		messageId: first('message-id'),
		text: null,
		html: null,
		attachments: [],
	};
	walk(root, mail);
	return mail;
}
