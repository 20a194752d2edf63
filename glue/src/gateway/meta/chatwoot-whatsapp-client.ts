// One POST of one Meta item to Chatwoot's WhatsApp webhook (reference/chatwoot.md §4), signed with
// the app secret as Meta signs (X-Hub-Signature-256 over the exact bytes), so Chatwoot's check of
// Meta's signature passes. Expected failures come back as values.
import { hmacSha256Hex } from '../../common/hmac.ts';
import { META_SIGNATURE_HEADER } from '../../common/headers.ts';
import { describeUnreachable } from '../../common/unreachable.ts';

export type ChatwootPostResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export interface ChatwootWhatsappPost {
	/** Chatwoot's base URL (FRONTEND_URL, or its internal address). */
	chatwootUrl: string;
	appSecret: string;
	/** Digits of the business number: the inbox is `+<digits>`. */
	displayNumber: string;
	payload: unknown;
	timeoutMs: number;
}

// 400/404/422 (an inactive or unknown number) say the same thing every time; anything else (5xx,
// 429, a 401 while the app secrets are being aligned, a refused connection) may pass later.
const PERMANENT = new Set([400, 404, 422]);

const HINTS = {
	refused: 'Is Chatwoot running?',
	host_not_found: 'Check CHATWOOT_URL.',
	timeout: 'Chatwoot is overloaded or hanging.',
	connection_reset: 'Chatwoot or a proxy in front of it restarted mid-request.',
	network: 'A network error happened before Chatwoot answered.',
};

/** Non-ASCII escaped as \uXXXX, as Meta serialises its webhooks (reference/meta.md §1.2). */
export function metaJson(payload: unknown): string {
	return JSON.stringify(payload).replace(
		/[\u007f-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

export async function postToChatwoot(request: ChatwootWhatsappPost): Promise<ChatwootPostResult> {
	const body = metaJson(request.payload);
	const url = `${request.chatwootUrl.replace(/\/+$/, '')}/webhooks/whatsapp/+${request.displayNumber}`;
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'User-Agent': 'switchboard-gateway',
				[META_SIGNATURE_HEADER]: `sha256=${hmacSha256Hex(request.appSecret, body)}`,
			},
			body,
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return { ok: true };
		return {
			ok: false,
			retryable: !PERMANENT.has(response.status),
			error: `Chatwoot answered HTTP ${response.status} for +${request.displayNumber}`,
		};
	} catch (error) {
		const { sentence, description } = describeUnreachable(error, {
			service: 'Chatwoot',
			baseUrl: url,
			timeoutMs: request.timeoutMs,
			hints: HINTS,
		});
		return { ok: false, retryable: true, error: `${sentence}. ${description}` };
	}
}
