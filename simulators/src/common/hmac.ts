// The simulators' own HMAC helpers. They play the vendor's side of each contract, so they must not
// share this code with the client they check: a bug there would then sign and verify alike.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256';

/** Lower-case hex HMAC of the parts in order (strings as UTF-8), e.g. of `ts`, `'.'` and a body. */
export function hmacHex(
	algorithm: HmacAlgorithm,
	key: string,
	...parts: readonly (string | Uint8Array)[]
): string {
	const mac = createHmac(algorithm, key);
	for (const part of parts) mac.update(part);
	return mac.digest('hex');
}

const HEX = /^(?:[0-9a-f]{2})+$/i;

/**
 * Whether a received hex digest equals the expected one, compared as bytes in constant time.
 * Anything that is not whole hex bytes is false (Buffer.from would silently drop a bad tail).
 */
export function sameDigest(expectedHex: string, receivedHex: string): boolean {
	if (!HEX.test(receivedHex) || receivedHex.length !== expectedHex.length) return false;
	return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(receivedHex, 'hex'));
}
