import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the exact bytes given, as lower-case hex. */
export function hmacSha256Hex(secret: string | Buffer, data: string | Buffer): string {
	return createHmac('sha256', secret).update(data).digest('hex');
}

/**
 * Compares a received hex signature with the expected one in constant time. Different lengths are
 * rejected before comparing, because timingSafeEqual throws on them (and the length is not secret).
 */
export function signaturesMatch(expectedHex: string, receivedHex: string): boolean {
	const expected = Buffer.from(expectedHex.toLowerCase(), 'utf8');
	const received = Buffer.from(receivedHex.toLowerCase(), 'utf8');
	if (expected.length !== received.length) return false;
	return timingSafeEqual(expected, received);
}
