import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hmacSha256Hex, signaturesMatch } from './hmac.ts';

describe('hmac', () => {
	describe('hmacSha256Hex', () => {
		it('should match the RFC 4231 test case 2 digest', () => {
			assert.equal(
				hmacSha256Hex('Jefe', 'what do ya want for nothing?'),
				'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
			);
		});

		it('should sign the UTF-8 bytes of non-ASCII text', () => {
			assert.equal(hmacSha256Hex('k', 'olá'), hmacSha256Hex('k', Buffer.from('olá', 'utf8')));
			assert.notEqual(hmacSha256Hex('k', 'olá'), hmacSha256Hex('k', 'ola'));
		});
	});

	describe('signaturesMatch', () => {
		const good = hmacSha256Hex('secret', 'body');

		it('should accept the same signature, in either case', () => {
			assert.equal(signaturesMatch(good, good), true);
			assert.equal(signaturesMatch(good, good.toUpperCase()), true);
			assert.equal(signaturesMatch(good.toUpperCase(), good), true);
		});

		it('should reject a signature made with another secret', () => {
			assert.equal(signaturesMatch(good, hmacSha256Hex('other', 'body')), false);
		});

		it('should reject an empty or truncated signature without throwing', () => {
			assert.equal(signaturesMatch(good, ''), false);
			assert.equal(signaturesMatch(good, good.slice(0, -1)), false);
		});
	});
});
