// Meta signs each webhook POST with X-Hub-Signature-256 over the exact bytes (reference/meta.md
// §1.2). Only the check lives here: signing and Meta's JSON escaping belong to the Meta simulator,
// which plays Meta's side independently of this code.
import { hmacSha256Hex, signaturesMatch } from '../common/hmac.ts';

const SHA256_PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks X-Hub-Signature-256 over the raw bytes received. A missing or malformed header is an
 * unsigned request (false); a missing secret or body is our own misconfiguration (throws), so that an
 * unset env var can never turn into "accept everything".
 */
export function verifyMetaSignature(
	appSecret: string,
	rawBody: Buffer | string,
	header: string | undefined,
): boolean {
	assertInputs('verifyMetaSignature', appSecret, rawBody);
	if (typeof header !== 'string' || !header.startsWith(SHA256_PREFIX)) return false;
	const received = header.slice(SHA256_PREFIX.length);
	if (!HEX_SHA256.test(received)) return false;
	return signaturesMatch(hmacSha256Hex(appSecret, rawBody), received);
}

function assertInputs(fn: string, appSecret: unknown, rawBody: unknown): void {
	if (typeof appSecret !== 'string' || appSecret === '') {
		throw new TypeError(`[glue/meta] ${fn}: the Meta app secret is required`);
	}
	if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) {
		throw new TypeError(`[glue/meta] ${fn}: the raw request body (Buffer or string) is required`);
	}
}
