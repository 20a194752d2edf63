import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hmacHex, sameDigest } from './hmac.ts';

// RFC 4231 test case 2 and RFC 2202 test case 2 (key "Jefe").
const RFC_DATA = 'what do ya want for nothing?';
const RFC_SHA256 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const RFC_SHA1 = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';

describe('hmac', () => {
	describe('hmacHex', () => {
		it('should match the RFC digests for SHA-256 and SHA-1', () => {
			assert.equal(hmacHex('sha256', 'Jefe', RFC_DATA), RFC_SHA256);
			assert.equal(hmacHex('sha1', 'Jefe', RFC_DATA), RFC_SHA1);
		});

		it('should sign the parts as one run of bytes, strings as UTF-8', () => {
			assert.equal(
				hmacHex('sha256', 'Jefe', 'what do ya ', Buffer.from('want for nothing?')),
				RFC_SHA256,
			);
			assert.equal(hmacHex('sha256', 'k', 'olá'), hmacHex('sha256', 'k', Buffer.from('olá')));
		});
	});

	describe('sameDigest', () => {
		it('should accept the same digest in either hex case', () => {
			assert.equal(sameDigest(RFC_SHA256, RFC_SHA256), true);
			assert.equal(sameDigest(RFC_SHA256, RFC_SHA256.toUpperCase()), true);
		});

		it('should reject another digest, an empty or truncated one, and non-hex text', () => {
			assert.equal(sameDigest(RFC_SHA256, hmacHex('sha256', 'other', RFC_DATA)), false);
			assert.equal(sameDigest(RFC_SHA256, ''), false);
			assert.equal(sameDigest(RFC_SHA256, RFC_SHA256.slice(0, -2)), false);
			assert.equal(sameDigest(RFC_SHA256, `${RFC_SHA256.slice(0, -1)}g`), false);
			assert.equal(sameDigest(RFC_SHA256, RFC_SHA1), false);
		});
	});
});
