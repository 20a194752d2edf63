import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signatureHeader } from './sign-body.ts';

describe('signatureHeader', () => {
	it('should sign "<t>.<body>" with HMAC-SHA256 of the secret, as hex', () => {
		const body = '{"event":"promotion.published","promotionId":"7"}';
		const expected = createHmac('sha256', 's3cret').update(`1767225600.${body}`).digest('hex');
		assert.equal(signatureHeader('s3cret', body, 1767225600), `t=1767225600,v1=${expected}`);
	});

	it('should sign the exact UTF-8 bytes of a non-ASCII body and secret', () => {
		const body = '{"title":"Año nuevo 🎉"}';
		const expected = createHmac('sha256', Buffer.from('clé', 'utf8'))
			.update(Buffer.from(`5.${body}`, 'utf8'))
			.digest('hex');
		assert.equal(signatureHeader('clé', body, 5), `t=5,v1=${expected}`);
	});

	it('should change with the time and the secret', () => {
		const signed = signatureHeader('a', '{}', 1);
		assert.notEqual(signatureHeader('a', '{}', 2).split('v1=')[1], signed.split('v1=')[1]);
		assert.notEqual(signatureHeader('b', '{}', 1), signed);
	});

	it('should refuse to sign without a secret', () => {
		assert.throws(() => signatureHeader('', '{}', 1), /cannot sign without a secret/);
	});
});
