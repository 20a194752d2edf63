// How Meta encodes and signs a webhook POST (reference/meta.md §1.2), written for the simulator
// alone: our client verifies what this produces, so the two must stay independent readings of it.
import { hmacHex } from '../common/hmac.ts';

export interface MetaJsonOptions {
	/** Whether to write `/` as `\/`, as PHP's json_encode does by default. */
	escapeSlashes?: boolean;
}

const LAST_PRINTABLE_ASCII = 0x7e;
const SLASH = 0x2f;

/**
 * Compact JSON with every UTF-16 code unit above `~` written as a lower-case `\uXXXX` escape, as
 * Meta's bodies arrive (`Café 👍` → `Caf\u00e9 \ud83d\udc4d`). DEL is escaped too, so that a
 * receiver that re-escapes `[^\0-~]` before its HMAC (whatsapp-api-js) gets back these very bytes.
 */
export function metaJson(value: unknown, options: MetaJsonOptions = {}): string {
	const json: string | undefined = JSON.stringify(value);
	if (json === undefined) throw new TypeError('meta simulator: this value has no JSON form');
	const out: string[] = [];
	for (let i = 0; i < json.length; i += 1) {
		const unit = json.charCodeAt(i);
		// A `/` only ever occurs inside a string in JSON text, so every one may be escaped.
		if (unit > LAST_PRINTABLE_ASCII) out.push(`\\u${unit.toString(16).padStart(4, '0')}`);
		else if (unit === SLASH && options.escapeSlashes) out.push('\\/');
		else out.push(json.charAt(i));
	}
	return out.join('');
}

/** The X-Hub-Signature-256 value for these exact bytes: `sha256=<lower-case hex>`. */
export function hubSignature256(appSecret: string, body: string | Uint8Array): string {
	return `sha256=${hmacHex('sha256', appSecret, body)}`;
}

/** The legacy X-Hub-Signature value (`sha1=<hex>`) that Meta still sends beside the SHA-256 one. */
export function hubSignatureSha1(appSecret: string, body: string | Uint8Array): string {
	return `sha1=${hmacHex('sha1', appSecret, body)}`;
}
