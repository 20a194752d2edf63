// How Chatwoot signs a webhook (lib/webhooks/trigger.rb, reference/chatwoot.md §2.2), written for
// the simulator alone so that it stays a second reading of the contract our gateway verifies.
import { hmacHex } from '../common/hmac.ts';

/**
 * The X-Chatwoot-Signature value for a body sent at `timestamp` (Unix seconds): `sha256=` and the
 * lower-case hex HMAC-SHA256 of `"<timestamp>.<raw body>"`, never of the body alone (#13809).
 */
export function signChatwootWebhook(
	secret: string,
	timestamp: string | number,
	body: string | Uint8Array,
): string {
	return `sha256=${hmacHex('sha256', secret, `${timestamp}.`, body)}`;
}

/** X-Chatwoot-Timestamp and X-Chatwoot-Signature as Chatwoot 4.12+ sends them at `now`. */
export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
	const timestamp = String(Math.floor(now.getTime() / 1000));
	return {
		'X-Chatwoot-Timestamp': timestamp,
		'X-Chatwoot-Signature': signChatwootWebhook(secret, timestamp, body),
	};
}
