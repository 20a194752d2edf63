// Chatwoot 4.12+ signs webhooks with X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret,
// "<X-Chatwoot-Timestamp>.<raw body>")> (lib/webhooks/trigger.rb). Not the body alone: #13809.
// Only the check lives here; the Chatwoot simulator signs, as an independent reading.
import { hmacSha256Hex, signaturesMatch } from '../common/hmac.ts';

export type ChatwootSignatureFailure = 'missing' | 'malformed' | 'bad_signature' | 'stale';

export type ChatwootVerification =
	| { ok: true; timestamp: number }
	| { ok: false; reason: ChatwootSignatureFailure };

export interface VerifyChatwootWebhookInput {
	secret: string;
	/** The exact bytes received; a re-serialised body will not verify. */
	rawBody: string | Buffer;
	/** X-Chatwoot-Signature, e.g. "sha256=5d41…". */
	signatureHeader: string | null | undefined;
	/** X-Chatwoot-Timestamp, Unix seconds. */
	timestampHeader: string | null | undefined;
	now?: Date;
	/** Replay window either side of now; the Chatwoot PR suggests about 5 minutes. */
	toleranceSeconds?: number;
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Checks a delivery. Missing configuration throws (a bug on our side); a bad request returns a
 * reason, so the gateway can answer 401 and log why.
 */
export function verifyChatwootWebhook(input: VerifyChatwootWebhookInput): ChatwootVerification {
	requireArgument(input.secret, 'secret');
	requireArgument(input.rawBody, 'rawBody');
	const { signatureHeader, timestampHeader } = input;
	if (!signatureHeader || !timestampHeader) return { ok: false, reason: 'missing' };
	const signature = SIGNATURE.exec(signatureHeader.trim())?.[1];
	const timestamp = timestampHeader.trim();
	if (!signature || !TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed' };
	const expected = hmacSha256Hex(input.secret, signedBytes(timestamp, input.rawBody));
	if (!signaturesMatch(expected, signature)) return { ok: false, reason: 'bad_signature' };
	const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
	const tolerance = input.toleranceSeconds ?? 300;
	if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return { ok: false, reason: 'stale' };
	return { ok: true, timestamp: Number(timestamp) };
}

function signedBytes(timestamp: string, rawBody: string | Buffer): Buffer {
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}

function requireArgument(value: string | Buffer | undefined | null, name: string): void {
	if (value === undefined || value === null || value.length === 0) {
		throw new TypeError(`[switchboard/chatwoot] webhook signature: ${name} is required`);
	}
}
