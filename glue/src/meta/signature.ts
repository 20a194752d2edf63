import { createHmac } from 'node:crypto';
import { hmacSha256Hex, signaturesMatch } from '../common/hmac.ts';

const SHA256_PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
// Everything outside printable ASCII, as whatsapp-api-js's escapeUnicode matches it (`[^\0-~]`): a
// receiver that re-escapes the raw body before its HMAC then gets back the very bytes we signed.
const NON_ASCII = /[^\0-~]/g;

export interface MetaJsonOptions {
	/**
	 * Whether to write `/` as `\/` as PHP's json_encode does. Off by default: the reference only
	 * documents the \uXXXX escaping, and either way the signature covers the bytes actually sent.
	 */
	escapeSlashes?: boolean;
}

/**
 * Serialises a webhook payload the way Meta sends it: compact JSON with every non-ASCII UTF-16 code
 * unit escaped as \uXXXX in lower-case hex (emoji become surrogate pairs, e.g. \ud83d\udc4d).
 */
export function encodeMetaJson(value: unknown, options: MetaJsonOptions = {}): string {
	const json: string | undefined = JSON.stringify(value);
	if (json === undefined) {
		throw new TypeError('[glue/meta] encodeMetaJson: the value has no JSON form');
	}
	const escaped = json.replace(
		NON_ASCII,
		(ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
	return options.escapeSlashes ? escaped.replaceAll('/', '\\/') : escaped;
}

/** The X-Hub-Signature-256 value for these exact bytes: `sha256=<lower-case hex>`. */
export function signMetaPayload(appSecret: string, rawBody: Buffer | string): string {
	assertInputs('signMetaPayload', appSecret, rawBody);
	return SHA256_PREFIX + hmacSha256Hex(appSecret, rawBody);
}

/** The legacy X-Hub-Signature value (`sha1=<hex>`), which Meta still sends beside the SHA-256 one. */
export function signMetaPayloadSha1(appSecret: string, rawBody: Buffer | string): string {
	assertInputs('signMetaPayloadSha1', appSecret, rawBody);
	return 'sha1=' + createHmac('sha1', appSecret).update(rawBody).digest('hex');
}

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
